#pragma once
// What the nurse-mode screens share: strings in a given language, the header with
// the signed-in nurse and "Log out", and a row of equal buttons.
#include <string>
#include <vector>

#include "core/nurse/nurse_mode.h"
#include "core/session/session_coordinator.h"
#include "ui/ui_context.h"
#include "ui/widgets.h"

namespace mk::ui {

// `key` in `locale`, leaving the context's language as it was.
std::string stringIn(UiContext& ctx, const std::string& locale, const std::string& key);
std::string formatIn(UiContext& ctx, const std::string& locale, const std::string& key, const MessageArgs& args);

// Title, "Signed in as …" and a "Log out" button; returns the header's bottom edge.
float drawNurseHeader(UiContext& ctx, NurseMode& nurse, const std::string& title);
// Equal buttons side by side in [x0, x1] at `y`; returns the index tapped or -1.
struct RowButton {
  const char* id;
  std::string label;
  bool enabled = true;
  bool selected = false;
  bool large = false;  // title-size label (PIN digits)
};
int buttonRow(UiContext& ctx, float x0, float x1, float y, float height, const std::vector<RowButton>& buttons);
// The height a button needs for its label at `width`, at least `minEm`.
float buttonHeightFor(UiContext& ctx, const std::string& label, float width, float minEm);

}  // namespace mk::ui
