import CourseModel
import Printing

extension WorkbookWriter {
  /// One drill question: its scenario and prompt, then what the learner fills in; in the
  /// facilitator edition, the answer with its feedback, hints and explanation. A learner's
  /// question stays on one page; a facilitator's, longer, may break between its parts.
  func question(_ question: Question, number: Int) -> String {
    let keep = isFacilitator ? "" : " keep"
    var out = "<div class=\"question\(keep)\" id=\"q-\(HTML.escapeAttribute(question.id))\">\n"
    out += "<span class=\"number\">\(number).</span>\n<div class=\"body\">\n"
    out += question.context.html
    out += "<p class=\"prompt\">" + HTML.escape(question.prompt) + "</p>\n"
    switch question.body {
    case .choice(let choices): out += self.choices(choices, multiple: question.kind == .multiple, question)
    case .short(let answers): out += short(answers)
    case .order(let items): out += order(items, key: question.id)
    case .match(let pairs): out += match(pairs, key: question.id)
    }
    if isFacilitator {
      for hint in question.hints {
        out += "<p class=\"hint\"><span class=\"label\">Hint to offer:</span> " + HTML.escape(hint) + "</p>\n"
      }
      if !question.explanation.isEmpty {
        out +=
          "<div class=\"explanation\">\n<p class=\"label\">Explanation</p>\n"
          + question.explanationBlocks.html
          + "</div>\n"
      }
    }
    out += "</div>\n</div>\n"
    return out
  }

  private func choices(_ choices: [Question.Choice], multiple: Bool, _ question: Question) -> String {
    let says = question.prompt.lowercased().contains("all that apply")
    var out =
      multiple
      ? "<p class=\"instruction\">\(says ? "Tick every right answer." : "Select all that apply: tick every right answer.")</p>\n"
      : "<p class=\"instruction\">Tick one.</p>\n"
    out += "<ul class=\"choices\">\n"
    for choice in choices {
      let right = isFacilitator && choice.isCorrect
      out += right ? "<li class=\"right\">" + Self.tickedBox : "<li>" + Self.box
      out += "<div><span class=\"text\">" + HTML.escape(choice.text) + "</span>"
      if right { out += " <span class=\"mark\">(right)</span>" }
      if isFacilitator && !choice.feedback.isEmpty {
        out += "\n<div class=\"feedback\">" + HTML.escape(choice.feedback) + "</div>"
      }
      out += "</div></li>\n"
    }
    return out + "</ul>\n"
  }

  private func short(_ answers: [String]) -> String {
    var out = "<p class=\"instruction\">Write your answer.</p>\n" + Self.lines(2)
    if isFacilitator {
      out +=
        "<p class=\"answer\"><span class=\"label\">Accepted answers:</span> "
        + answers.map { "<span class=\"accepted\">" + HTML.escape($0) + "</span>" }.joined(
          separator: " \u{B7} ")
        + "</p>\n"
    }
    return out
  }

  /// The items in a stable shuffled order, each with a blank for its place; the
  /// facilitator edition fills the blanks and lists the right order.
  private func order(_ items: [String], key: String) -> String {
    var out =
      "<p class=\"instruction\">Number them in the right order, from 1 (first) to \(items.count) (last).</p>\n"
    out += "<ul class=\"order\">\n"
    for index in StableShuffle.permutation(items.count, key: key) {
      let place = isFacilitator ? String(index + 1) : ""
      out += "<li><span class=\"blank\">\(place)</span><span>" + HTML.escape(items[index]) + "</span></li>\n"
    }
    out += "</ul>\n"
    if isFacilitator {
      out += "<div class=\"answer\"><p class=\"label\">Right order:</p>\n<ol>\n"
      for item in items { out += "<li>" + HTML.escape(item) + "</li>\n" }
      out += "</ol>\n</div>\n"
    }
    return out
  }

  /// Numbered left sides, lettered right sides in a stable shuffled order, and a grid with
  /// a box for every number and letter; the facilitator edition ticks the right boxes.
  private func match(_ pairs: [MatchPair], key: String) -> String {
    let order = StableShuffle.permutation(pairs.count, key: key)
    let letter = { (position: Int) in Self.letter(position) }
    var out =
      "<p class=\"instruction\">For each numbered item, tick the box of the lettered one it goes with.</p>\n"
    out += "<ol class=\"options\">\n"
    for (position, index) in order.enumerated() {
      out +=
        "<li><span class=\"letter\">\(letter(position))</span><span>" + HTML.escape(pairs[index].right)
        + "</span></li>\n"
    }
    out += "</ol>\n<table class=\"grid\">\n<thead><tr><th></th>"
    for position in order.indices { out += "<th>\(letter(position))</th>" }
    out += "</tr></thead>\n<tbody>\n"
    for (index, pair) in pairs.enumerated() {
      out += "<tr><th>\(index + 1). " + HTML.escape(pair.left) + "</th>"
      for candidate in order {
        out += "<td>" + (isFacilitator && candidate == index ? Self.tickedBox : Self.box) + "</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
    if isFacilitator {
      out += "<div class=\"answer\"><p class=\"label\">Right pairs:</p>\n<ul>\n"
      for (index, pair) in pairs.enumerated() {
        let position = order.firstIndex(of: index) ?? 0
        out +=
          "<li>\(index + 1) \u{2013} \(letter(position)): " + HTML.escape(pair.left) + " \u{2192} "
          + HTML.escape(pair.right) + "</li>\n"
      }
      out += "</ul>\n</div>\n"
    }
    return out
  }

  static let box = "<span class=\"box\"></span>"
  static let tickedBox = "<span class=\"box ticked\">\u{2713}</span>"

  /// A, B, ..., Z, AA, AB, ...
  static func letter(_ position: Int) -> String {
    let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    return position < 26
      ? String(letters[position]) : letter(position / 26 - 1) + String(letters[position % 26])
  }
}
