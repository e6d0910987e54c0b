#pragma once
// The counselling walk-through for one patient: the points for their group, one at
// a time, each confirmed ("understood") or marked to explain again, then a summary.
// Pure state: no clock, no database, no drawing.
#include <cstddef>
#include <string>
#include <vector>

namespace mk {

enum class PointState { NotYet, Understood, ExplainAgain };

class Walkthrough {
 public:
  Walkthrough() = default;
  explicit Walkthrough(std::vector<std::string> pointIds);

  bool empty() const { return ids_.empty(); }
  std::size_t count() const { return ids_.size(); }
  // 0-based index of the point on screen; count() when the summary is shown.
  std::size_t current() const { return current_; }
  bool atSummary() const { return current_ >= ids_.size(); }
  const std::string& currentId() const { return ids_.at(current_); }
  const std::vector<std::string>& ids() const { return ids_; }
  PointState state(std::size_t index) const { return states_.at(index); }
  int timesExplainedAgain(std::size_t index) const { return again_.at(index); }

  // Confirms the point on screen and moves to the next (after the last: summary).
  void understood();
  // Keeps the point on screen, marked as not yet understood.
  void explainAgain();
  void back();                   // the previous point (from the summary: the last point)
  void forward();                // the next point without confirming (after the last: summary)
  void open(std::size_t index);  // from the summary, to a point

  std::vector<std::string> confirmedIds() const;
  std::vector<std::string> notConfirmedIds() const;
  std::size_t confirmedCount() const;
  bool allConfirmed() const { return confirmedCount() == ids_.size(); }

 private:
  std::vector<std::string> ids_;
  std::vector<PointState> states_;
  std::vector<int> again_;
  std::size_t current_ = 0;
};

}  // namespace mk
