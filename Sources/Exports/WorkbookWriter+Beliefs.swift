import CourseModel
import Printing

extension WorkbookWriter {
  /// A belief section's items, numbered. Consecutive `Agree` and `Rate` items on the same
  /// scale share one table: a row per statement and a box per point of the scale.
  func beliefs(_ items: [BeliefItem]) -> String {
    var out = ""
    var index = 0
    while index < items.count {
      let item = items[index]
      guard !item.scale.isEmpty else {
        out += belief(item, number: index + 1)
        index += 1
        continue
      }
      var end = index + 1
      while end < items.count, items[end].kind == item.kind, items[end].scale == item.scale { end += 1 }
      out += scaleTable(items[index..<end], firstNumber: index + 1)
      index = end
    }
    return out
  }

  /// Statements on one scale: the scale's points head the columns, each row has a box per point.
  private func scaleTable(_ items: ArraySlice<BeliefItem>, firstNumber: Int) -> String {
    let scale = items.first?.scale ?? []
    let each = items.count > 1 ? " in each row" : ""
    var out =
      items.first?.kind == .agree
      ? "<p class=\"instruction\">How far do you agree? Tick one box\(each).</p>\n"
      : "<p class=\"instruction\">Tick one box\(each).</p>\n"
    out += "<table class=\"scale\">\n<thead><tr><th></th>"
    for (point, label) in scale.enumerated() {
      out += "<th><span class=\"point\">\(point + 1)</span><br>" + HTML.escape(label) + "</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for (offset, item) in items.enumerated() {
      out +=
        "<tr id=\"b-\(HTML.escapeAttribute(item.id))\"><th><div class=\"row\">"
        + "<span class=\"number\">\(firstNumber + offset).</span><div><span class=\"prompt\">"
        + HTML.escape(item.prompt) + "</span>" + item.guidance.html + "</div></div></th>"
      out += String(repeating: "<td>" + Self.box + "</td>", count: scale.count)
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }

  /// A reflection (room to write) or a ranking (a blank before each entry).
  private func belief(_ item: BeliefItem, number: Int) -> String {
    var out = "<div class=\"belief keep\" id=\"b-\(HTML.escapeAttribute(item.id))\">\n"
    out += "<span class=\"number\">\(number).</span>\n<div class=\"body\">\n"
    out += "<p class=\"prompt\">" + HTML.escape(item.prompt) + "</p>\n"
    out += item.guidance.html
    switch item.body {
    case .agree, .rate:
      break  // on a scale: see scaleTable
    case .reflect:
      out += Self.lines(6)
    case .rank(let entries):
      out += "<p class=\"instruction\">Number them from 1 (matters most to you) to \(entries.count).</p>\n"
      out += "<ul class=\"order\">\n"
      for entry in entries {
        out += "<li><span class=\"blank\"></span><span>" + HTML.escape(entry) + "</span></li>\n"
      }
      out += "</ul>\n"
    }
    out += "</div>\n</div>\n"
    return out
  }

  /// The creed: its introduction, each statement with room to note what it means in one's
  /// role, the closing paragraphs and a signature line.
  func creed(_ creed: Creed) -> String {
    var out = creed.intro.html
    out += "<ol class=\"creed\">\n"
    for statement in creed.statements {
      out += "<li class=\"keep\">\n<p class=\"statement\">" + HTML.escape(statement.text) + "</p>\n"
      out += statement.explanation.html
      out += "<p class=\"instruction\">What this means in my role:</p>\n" + Self.lines(2) + "</li>\n"
    }
    out += "</ol>\n"
    out += creed.closing.html
    out += "<div class=\"signature keep\"><div>Name</div><div>Signature</div><div>Date</div></div>\n"
    return out
  }
}
