// Read aloud in the running UI: the button starts it, changing section stops it, the
// idle warning is announced by voice, and the idle reset silences everything.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>
#include "test_support.h"

#include "app/app.h"

using namespace mk;
using mk::test::waitFor;

namespace {

struct Rig {
  app::App app{app::Options{}, "medkiosk_ui_tests", 0};
  std::unique_ptr<ui::Renderer> renderer = ui::Renderer::forSurface(1080, 1920);
  std::int64_t now = 0;
  Rig() { app.ui().setRenderer(renderer.get()); }
  void frames(int n = 2) {
    for (int i = 0; i < n; ++i) app.ui().frame(now += 16);
  }
  const ui::FrameRegistry::Target* target(const std::string& id) {
    for (const auto& t : app.ui().registry().targets)
      if (t.id == id) return &t;
    return nullptr;
  }
  void tap(const std::string& id) {
    const auto* t = target(id);
    REQUIRE(t != nullptr);
    float x = (t->min.x + t->max.x) / 2, y = (t->min.y + t->max.y) / 2;
    app.ui().handleGestures(app.ui().input().feed({PointerEvent::Kind::Down, x, y, now}), now);
    frames(1);
    app.ui().handleGestures(app.ui().input().feed({PointerEvent::Kind::Up, x, y, now + 50}), now);
    frames(3);
  }
  std::size_t heard() { return static_cast<MemorySink*>(app.audioSink())->samples().size(); }
};
}  // namespace

TEST_CASE("the read-aloud button reads the section, and leaving the section stops it") {
  Rig rig;
  REQUIRE(rig.app.readAloud()->available());
  Kiosk& k = rig.app.kiosk();
  k.start(0);
  k.chooseLanguage("de_AT", 0);
  k.chooseSection("donation", 0);
  rig.frames();
  rig.tap("read.play");
  REQUIRE(waitFor([&] { return rig.heard() > 10000; }));
  CHECK(rig.app.readAloud()->currentParagraph() >= 0);
  rig.tap("rail.symptoms");
  CHECK(rig.heard() == 0);  // stopped and cleared
  CHECK_FALSE(rig.app.readAloud()->active());
}

TEST_CASE("until reading starts only 'read aloud' takes room, and while reading every control is there") {
  Rig rig;
  Kiosk& k = rig.app.kiosk();
  k.start(0);
  k.chooseLanguage("en", 0);
  k.chooseSection("pregnancy", 0);
  rig.frames();
  CHECK(rig.target("read.play") != nullptr);
  for (const char* id : {"read.stop", "read.restart", "read.quieter", "read.louder"}) CHECK(rig.target(id) == nullptr);
  rig.tap("read.play");
  REQUIRE(rig.app.readAloud()->active());
  for (const char* id : {"read.play", "read.stop", "read.restart", "read.quieter", "read.louder"})
    CHECK(rig.target(id) != nullptr);
  rig.tap("read.stop");
  CHECK_FALSE(rig.app.readAloud()->active());
  CHECK(rig.target("read.stop") == nullptr);
}

TEST_CASE("the idle warning speaks, and the idle reset silences read aloud and resets the volume") {
  Rig rig;
  Kiosk& k = rig.app.kiosk();
  k.start(0);
  k.chooseLanguage("pl_PL", 0);
  rig.frames();
  rig.tap("read.play");
  REQUIRE(waitFor([&] { return rig.heard() > 0; }));
  rig.tap("read.louder");
  CHECK(k.session().volumeStep == 4);
  rig.now += k.config().idleTimeoutMs;
  rig.frames();
  REQUIRE(k.session().idleWarning);
  REQUIRE(waitFor([&] { return rig.heard() > 0 && !rig.app.readAloud()->active(); }));
  std::size_t announcement = rig.heard();
  CHECK(announcement > 0);  // "Czy nadal Pan/Pani czyta?" was spoken
  rig.now += k.config().countdownMs;
  rig.frames();
  REQUIRE(k.session().screen == Screen::Attract);
  CHECK(rig.heard() == 0);
  CHECK_FALSE(rig.app.readAloud()->active());
  CHECK(k.session().volumeStep == 3);
}
