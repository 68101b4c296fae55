import CourseModel
import Printing

/// Writes every drill question of a course in Moodle's GIFT import format.
///
/// Each module becomes a question category (`$CATEGORY: top/<course>/<module>`); each
/// question is titled with its item id (`::id::`) and carries the id as Moodle's ID number
/// (`// [id:...]`). Question text, choices and feedback are HTML (`[html]`), so a
/// scenario keeps its paragraphs, lists and emphasis; the explanation becomes the general
/// feedback (`####`). Single choice uses `=`/`~`; select-all shares 100% among the right
/// choices and gives the wrong ones negative weights; short answer lists every accepted
/// answer; matching writes `=left -> right`. Order questions have no GIFT form and belief
/// items are not questions: neither is written.
public struct GIFTWriter: Sendable {
  public init() {}

  /// The GIFT text of `course`'s drill questions, with the questions left out.
  public func write(_ course: Course) -> GIFTExport {
    var out = "// \(Self.commentLine(course.title)): the skills drill questions of '\(course.id)', "
    out += "in Moodle's GIFT format.\n"
    out += "// Written by coach. Order questions are left out: GIFT has no ordering question.\n"
    var count = 0
    var skipped: [GIFTExport.Note] = []
    var warnings: [GIFTExport.Note] = []
    for module in course.modules {
      let questions = module.sections.flatMap { section -> [Question] in
        if case .drill(_, let questions) = section.content { return questions }
        return []
      }
      guard !questions.isEmpty else { continue }
      var written: [String] = []
      for question in questions {
        switch Self.gift(question) {
        case .success(let text):
          written.append(text)
          if question.id.count > Self.moodleIDNumberLimit {
            warnings.append(
              GIFTExport.Note(
                questionID: question.id, location: question.location,
                message: "'\(question.id)' is written without a Moodle ID number: Moodle keeps at most "
                  + "\(Self.moodleIDNumberLimit) characters there; give the question a shorter {#id}"))
          }
        case .failure(let reason):
          skipped.append(
            GIFTExport.Note(
              questionID: question.id, location: question.location,
              message: "left out '\(question.id)': " + reason.text))
        }
      }
      guard !written.isEmpty else { continue }
      let category = "top/" + GIFTText.categoryName(course.title) + "/" + GIFTText.categoryName(module.title)
      out += "\n// Module '\(module.id)': \(Self.commentLine(module.title))\n$CATEGORY: \(category)\n"
      for text in written { out += "\n" + text }
      count += written.count
    }
    return GIFTExport(text: out, questionCount: count, skipped: skipped, warnings: warnings)
  }

  /// Moodle keeps a question's ID number in a field of 100 characters.
  static let moodleIDNumberLimit = 100

  /// Why a question cannot be written.
  struct Refusal: Error {
    var text: String
  }

  /// One question's lines, ending with a line break, or why it is left out.
  static func gift(_ question: Question) -> Result<String, Refusal> {
    var lines: [String] = []
    if question.id.count <= moodleIDNumberLimit { lines.append("// [id:\(question.id)]") }
    let place = question.location.map { " (\(fileName($0.file)) line \($0.line))" } ?? ""
    lines.append("// \(question.kind.rawValue)\(place)")
    let head =
      "::" + GIFTText.escape(question.id) + "::[html]" + GIFTText.escape(questionHTML(question)) + "{"
    let answers: [String]
    switch answerLines(question) {
    case .success(let body): answers = body
    case .failure(let refusal): return .failure(refusal)
    }
    lines.append(head)
    lines += answers.map { "\t" + $0 }
    let explanation = question.explanationBlocks.html.trimmed
    if !explanation.isEmpty { lines.append("\t####" + GIFTText.escape(explanation)) }
    lines.append("}")
    return .success(lines.joined(separator: "\n") + "\n")
  }

  /// The scenario, then the prompt, as HTML.
  static func questionHTML(_ question: Question) -> String {
    (question.context.html + "<p>" + HTML.escape(question.prompt) + "</p>").trimmed
  }

  /// The lines between the braces, without the general feedback.
  private static func answerLines(_ question: Question) -> Result<[String], Refusal> {
    switch question.body {
    case .choice(let choices): return choiceLines(choices, multiple: question.kind == .multiple)
    case .short(let answers): return shortLines(answers)
    case .match(let pairs):
      guard pairs.count >= 3 else {
        return .failure(
          Refusal(
            text: "Moodle needs at least three pairs in a matching question; this one has \(pairs.count)"))
      }
      return .success(
        pairs.map { "=" + GIFTText.escape(GIFTText.htmlField($0.left)) + " -> " + GIFTText.escape($0.right) })
    case .order:
      return .failure(Refusal(text: "an order question has no GIFT form"))
    }
  }

  private static func choiceLines(_ choices: [Question.Choice], multiple: Bool) -> Result<[String], Refusal> {
    guard choices.count >= 2 else {
      return .failure(Refusal(text: "Moodle needs at least two choices; this question has one"))
    }
    let right = choices.filter(\.isCorrect).count
    var rightMark = "="
    var wrongMark = "~"
    if multiple {
      guard let share = moodleGrades.first(where: { abs($0 - 100 / Double(right)) < 0.001 }) else {
        return .failure(
          Refusal(
            text: "Moodle's grades cannot share 100% equally among \(right) right choices; use at most 10"))
      }
      rightMark = "~%" + GIFTText.percent(share) + "%"
      let wrong = choices.count - right
      if let penalty = moodleGrades.first(where: { $0 * Double(wrong) <= 100.0001 }) {
        wrongMark = "~%-" + GIFTText.percent(penalty) + "%"
      }
    }
    return .success(
      choices.map { choice in
        var line =
          (choice.isCorrect ? rightMark : wrongMark) + GIFTText.escape(GIFTText.htmlField(choice.text))
        if !choice.feedback.isEmpty { line += "#" + GIFTText.escape(GIFTText.htmlField(choice.feedback)) }
        return line
      })
  }

  private static func shortLines(_ answers: [String]) -> Result<[String], Refusal> {
    for answer in answers {
      if answer.contains("->") {
        return .failure(
          Refusal(
            text: "the accepted answer '\(answer)' holds '->', which Moodle reads as a matching question"))
      }
      if GIFTText.startsWithFormatMarker(answer) {
        return .failure(
          Refusal(text: "the accepted answer '\(answer)' starts with what Moodle reads as a format marker"))
      }
    }
    return .success(answers.map { "=" + GIFTText.escape(GIFTText.shortAnswer($0)) })
  }

  /// The grades Moodle accepts for an answer, in percent, largest first
  /// (`question_bank::fraction_options_full`); an import with any other grade fails.
  static let moodleGrades: [Double] = [
    100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667, 14.28571, 12.5,
    11.11111, 10, 5,
  ]

  private static func fileName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
  }

  /// Text for a `//` comment: one line.
  private static func commentLine(_ text: String) -> String {
    String(text.map { $0.isNewline ? " " : $0 })
  }
}
