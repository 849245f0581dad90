#include "serve/charts.hpp"

#include <algorithm>
#include <cstdio>

#include "core/json_writer.hpp"
#include "core/text.hpp"
#include "serve/web_util.hpp"

namespace tonghop::serve {
namespace {

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}

}  // namespace

std::string bar_chart_svg(const std::string& title, const std::vector<ChartBar>& bars, bool legend) {
  const double width = 470, label_w = 168, bar_h = 20, gap = 9, top = 32, right = 40;
  double max = 1;
  for (const auto& b : bars) {
    double total = 0;
    for (const auto& s : b.segments) total += s.value;
    max = std::max(max, total);
  }
  double height = top + bars.size() * (bar_h + gap) + (legend ? 30 : 6);
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " + num(width) + " " +
                    num(height) + "\" role=\"img\" aria-label=\"" + xml_escape(title) + "\">";
  svg += "<text x=\"0\" y=\"18\" class=\"chart-title\">" + xml_escape(title) + "</text>";
  double y = top;
  const double span = width - label_w - right;
  for (const auto& b : bars) {
    std::string label = code_point_count(b.label) > 26 ? utf8_prefix(b.label, 64) : b.label;
    if (code_point_count(label) > 26) {
      // Cut at 25 code points.
      std::string cut;
      std::size_t n = 0;
      for (std::size_t i = 0; i < label.size() && n < 25; ++n) {
        std::size_t len = 1;
        unsigned char c = label[i];
        if (c >= 0xf0) len = 4; else if (c >= 0xe0) len = 3; else if (c >= 0xc0) len = 2;
        cut += label.substr(i, len);
        i += len;
      }
      label = cut + "…";
    }
    svg += "<g class=\"bar\"><title>" + xml_escape(b.label) + "</title>";
    svg += "<text x=\"0\" y=\"" + num(y + bar_h * 0.72) + "\" class=\"chart-label\">" + xml_escape(label) + "</text>";
    double x = label_w, total = 0;
    svg += "<rect x=\"" + num(label_w) + "\" y=\"" + num(y) + "\" width=\"" + num(span) + "\" height=\"" + num(bar_h) +
           "\" class=\"chart-track\"/>";
    for (const auto& s : b.segments) {
      total += s.value;
      if (s.value <= 0) continue;
      double w = span * s.value / max;
      svg += "<a href=\"" + xml_escape(s.href) + "\"><rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" +
             num(w) + "\" height=\"" + num(bar_h) + "\" fill=\"" + xml_escape(s.color) + "\" class=\"seg seg-" +
             xml_escape(s.key) + "\"><title>" + xml_escape(b.label + ": " + format_number(s.value) + " " +
                                                          s.label) +
             "</title></rect></a>";
      x += w;
    }
    svg += "<text x=\"" + num(x + 6) + "\" y=\"" + num(y + bar_h * 0.72) + "\" class=\"chart-value\">" +
           format_number(total) + "</text></g>";
    y += bar_h + gap;
  }
  if (legend && !bars.empty()) {
    double lx = label_w;
    for (const auto& s : bars.front().segments) {
      svg += "<rect x=\"" + num(lx) + "\" y=\"" + num(y + 4) + "\" width=\"12\" height=\"12\" fill=\"" +
             xml_escape(s.color) + "\"/><text x=\"" + num(lx + 16) + "\" y=\"" + num(y + 14) +
             "\" class=\"chart-legend\">" + xml_escape(s.label) + "</text>";
      lx += 26 + 6.0 * double(code_point_count(s.label));
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace tonghop::serve
