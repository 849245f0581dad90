// Bar charts as inline SVG, made by the server (no chart library, nothing from outside):
// each bar or segment links to the rows behind it.
#pragma once

#include <string>
#include <vector>

namespace tonghop::serve {

struct ChartSegment {
  double value = 0;
  std::string key;    // "met", "late"... (a CSS class and the legend)
  std::string color;
  std::string href;   // where a click leads
  std::string label;  // the legend's words
};

struct ChartBar {
  std::string label;
  std::vector<ChartSegment> segments;  // stacked left to right
};

// Horizontal bars, one per line, labelled, with the count at the end; a legend of the
// segment keys when stacked.
std::string bar_chart_svg(const std::string& title, const std::vector<ChartBar>& bars, bool legend);

}  // namespace tonghop::serve
