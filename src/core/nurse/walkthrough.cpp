#include "core/nurse/walkthrough.h"

#include <algorithm>

namespace mk {

Walkthrough::Walkthrough(std::vector<std::string> pointIds)
    : ids_(std::move(pointIds)), states_(ids_.size(), PointState::NotYet), again_(ids_.size(), 0) {}

void Walkthrough::understood() {
  if (atSummary()) return;
  states_[current_] = PointState::Understood;
  ++current_;
}

void Walkthrough::explainAgain() {
  if (atSummary()) return;
  states_[current_] = PointState::ExplainAgain;
  ++again_[current_];
}

void Walkthrough::back() {
  if (current_ > 0) --current_;
}

void Walkthrough::forward() {
  if (!atSummary()) ++current_;
}

void Walkthrough::open(std::size_t index) {
  if (index < ids_.size()) current_ = index;
}

std::vector<std::string> Walkthrough::confirmedIds() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (states_[i] == PointState::Understood) out.push_back(ids_[i]);
  return out;
}

std::vector<std::string> Walkthrough::notConfirmedIds() const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < ids_.size(); ++i)
    if (states_[i] != PointState::Understood) out.push_back(ids_[i]);
  return out;
}

std::size_t Walkthrough::confirmedCount() const {
  return static_cast<std::size_t>(std::count(states_.begin(), states_.end(), PointState::Understood));
}

}  // namespace mk
