import CourseModel
import Exports
import Foundation
import Testing

@Suite("GIFT for Moodle")
struct GIFTTests {
  /// The questions the specials fixture cannot give Moodle, with the reason's key words.
  static let specialsLeftOut = [
    "order-steps": "no GIFT form", "match-two": "three pairs", "one-choice": "two choices",
    "eleven-right": "11 right choices", "short-arrow": "matching question",
  ]

  @Test("The fixture course's GIFT matches its golden file")
  func golden() throws {
    let export = GIFTWriter().write(try Paths.specials)
    #expect(try Paths.matchesGolden(export.text, "specials.gift"))
    #expect(export.questionCount == 6)
  }

  @Test("Questions GIFT cannot hold are left out, each named with its reason and place")
  func leftOut() throws {
    let export = GIFTWriter().write(try Paths.specials)
    #expect(
      export.skipped.map(\.questionID) == [
        "order-steps", "match-two", "one-choice", "eleven-right", "short-arrow",
      ])
    for note in export.skipped {
      let words = try #require(Self.specialsLeftOut[note.questionID])
      #expect(note.message.contains(words), "\(note.message)")
      #expect(note.message.contains("'\(note.questionID)'"))
      #expect(note.description.hasPrefix(try #require(note.location).description + ": note: left out"))
    }
    #expect(export.warnings.isEmpty)
  }

  @Test("An independent GIFT reader reads the golden file back as the course's questions")
  func goldenRoundTrip() throws {
    let course = try Paths.specials
    let text = try String(contentsOf: Paths.golden.appendingPathComponent("specials.gift"), encoding: .utf8)
    let read = try MoodleGIFTReader.read(text)
    expectSameQuestions(read, course, leftOut: Set(Self.specialsLeftOut.keys))
    #expect(read.first?.category == ["top", "Specials & Co", "Every kind / all at once"])
    #expect(read.last?.category == ["top", "Specials & Co", "For managers"])
    // Every special character came through in some field.
    let fields = read.flatMap {
      [$0.name ?? "", $0.text, $0.generalFeedback] + $0.answers.flatMap { [$0.text, $0.feedback] }
    }
    for special in ["~", "=", "#", "{", "}", ":", "\\"] {
      #expect(fields.contains { visibleText($0).contains(special) }, "no field holds \(special)")
    }
    #expect(read.contains { $0.name == "ns:colon.id_1" && $0.idNumber == "ns:colon.id_1" })
  }

  @Test("The shipped course exports every drill question but the order ones, and reads back")
  func shippedCourse() throws {
    let course = try Paths.shipped
    let export = GIFTWriter().write(course)
    let questions = course.drillQuestions
    let orders = questions.filter { $0.kind == .order }
    #expect(!orders.isEmpty)
    #expect(export.skipped.map(\.questionID) == orders.map(\.id))
    #expect(export.warnings.isEmpty)
    let read = try MoodleGIFTReader.read(export.text)
    #expect(read.count == questions.count - orders.count)
    #expect(export.questionCount == read.count)
    expectSameQuestions(read, course, leftOut: Set(orders.map(\.id)))
  }

  @Test("Belief items and creed statements are never exported")
  func noBeliefs() throws {
    let course = try Paths.shipped
    let read = try MoodleGIFTReader.read(GIFTWriter().write(course).text)
    let names = Set(read.compactMap(\.name))
    for section in course.modules.flatMap(\.sections) {
      switch section.content {
      case .beliefs(_, let items):
        for item in items { #expect(!names.contains(item.id), "belief \(item.id) was exported") }
      case .creed(let creed):
        for statement in creed.statements { #expect(!names.contains(statement.id)) }
      case .lesson, .drill: break
      }
    }
  }

  @Test("An id too long for Moodle's ID number is kept as the title only, with a warning")
  func longID() throws {
    let id = String(repeating: "a", count: 101)
    let question = Question(
      id: id, prompt: "Pick one", location: SourceLocation(file: "m.md", line: 3, column: 1),
      body: .choice([.init(text: "yes", isCorrect: true), .init(text: "no", isCorrect: false)]))
    let course = Course(
      id: "c", title: "C", file: "course.md",
      modules: [
        Module(
          id: "m", title: "M", file: "m.md",
          sections: [Section(id: "d", title: "D", content: .drill(intro: [], questions: [question]))])
      ])
    let export = GIFTWriter().write(course)
    #expect(export.warnings.map(\.questionID) == [id])
    #expect(
      export.warnings.first?.description.hasPrefix("m.md:3:1: note: '\(id)' is written without") == true)
    let read = try MoodleGIFTReader.read(export.text)
    #expect(read.count == 1)
    #expect(read.first?.name == id)
    #expect(read.first?.idNumber == nil)
  }

  /// Each question read from GIFT against the course's question of the same place.
  func expectSameQuestions(_ read: [MoodleGIFTReader.Question], _ course: Course, leftOut: Set<String>) {
    var expected: [(question: Question, module: String)] = []
    for module in course.modules {
      for section in module.sections {
        if case .drill(_, let questions) = section.content {
          expected += questions.filter { !leftOut.contains($0.id) }.map { ($0, module.title) }
        }
      }
    }
    #expect(read.count == expected.count)
    for (gift, (question, module)) in zip(read, expected) {
      let id = question.id
      #expect(gift.name == id)
      #expect(gift.idNumber == id)
      #expect(gift.category == ["top", course.title, module], "\(id)")
      #expect(gift.format == "html", "\(id)")
      #expect(visibleText(gift.text) == squeezed(question.context.plainText + " " + question.prompt), "\(id)")
      #expect(visibleText(gift.generalFeedback) == squeezed(question.explanation.plainText), "\(id)")
      switch question.body {
      case .choice(let choices):
        #expect(gift.kind == .multichoice(single: question.kind == .single), "\(id)")
        #expect(gift.answers.map { visibleText($0.text) } == choices.map { squeezed($0.text) }, "\(id)")
        #expect(
          gift.answers.map { visibleText($0.feedback) } == choices.map { squeezed($0.feedback) }, "\(id)")
        let right = Double(choices.filter(\.isCorrect).count)
        for (answer, choice) in zip(gift.answers, choices) {
          switch (question.kind, choice.isCorrect) {
          case (.single, true): #expect(answer.fraction == 1, "\(id)")
          case (.single, false): #expect(answer.fraction == 0, "\(id)")
          case (_, true): #expect(abs(answer.fraction - 1 / right) < 0.00001, "\(id): \(answer.fraction)")
          case (_, false): #expect(answer.fraction < 0, "\(id): a wrong choice without a penalty")
          }
        }
        let penalties = gift.answers.map(\.fraction).filter { $0 < 0 }.reduce(0, +)
        #expect(penalties >= -1.00001, "\(id): the penalties add up to \(penalties)")
      case .short(let answers):
        #expect(gift.kind == .shortanswer, "\(id)")
        // Moodle reads `*` as a wildcard and `\*` as an asterisk.
        #expect(gift.answers.map { $0.text.replacingOccurrences(of: "\\*", with: "*") } == answers, "\(id)")
        #expect(gift.answers.allSatisfy { $0.fraction == 1 && $0.feedback.isEmpty }, "\(id)")
      case .match(let pairs):
        #expect(gift.kind == .match, "\(id)")
        #expect(gift.pairs.map { visibleText($0.left) } == pairs.map { squeezed($0.left) }, "\(id)")
        #expect(gift.pairs.map(\.right) == pairs.map(\.right), "\(id)")
      case .order:
        Issue.record("\(id): an order question was exported")
      }
    }
  }
}
