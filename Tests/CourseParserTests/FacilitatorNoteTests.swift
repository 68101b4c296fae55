import CourseModel
import Foundation
import Testing

@testable import CourseParser

@Suite("Facilitator notes")
struct FacilitatorNoteTests {
  static let module = """
    # Complaints

    The overview.

    > Facilitator: 15 minutes. Open with a story of your own.

    ## Lesson: Listening {#listening}

    Listen first.

    > **Facilitator:** Ask the room: when were you last heard?
    >
    > Listen for stories about *being interrupted*.

    More lesson text.

    ## Drill: Check {#check}

    ### Which comes first?

    - [x] Listen
    - [ ] Explain
      Explaining first makes the customer wait.

    > Listening shows respect.

    > Facilitator: pairs compare answers for two minutes.

    ## Beliefs: Views {#views}

    > facilitator: do not ask anyone to read their answer aloud.

    ### Agree: Customers who complain are doing us a favour.
    """

  @Test("Notes are taken out of overviews, lessons, drills and beliefs, and listed in the outline")
  func notesAreReadAndHidden() throws {
    let course = try TemporaryCourse(
      module: Self.module, courseFrontMatter: nil)
    defer { course.remove() }
    let result = course.load()
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let module = try #require(result.courses.first?.modules.first)
    #expect(module.facilitator.map(\.text) == ["15 minutes. Open with a story of your own."])
    #expect(!module.overview.plainText.contains("Facilitator"))

    let lesson = module.sections[0]
    #expect(
      lesson.facilitator.map(\.text)
        == ["Ask the room: when were you last heard?\n\nListen for stories about being interrupted."])
    guard case .lesson(let blocks) = lesson.content else {
      Issue.record("not a lesson")
      return
    }
    #expect(blocks.plainText == "Listen first.\n\nMore lesson text.")

    let drill = module.sections[1]
    #expect(drill.facilitator.map(\.text) == ["pairs compare answers for two minutes."])
    guard case .drill(_, let questions) = drill.content else {
      Issue.record("not a drill")
      return
    }
    #expect(questions[0].explanation.plainText == "Listening shows respect.")

    let beliefs = module.sections[2]
    #expect(beliefs.facilitator.map(\.text) == ["do not ask anyone to read their answer aloud."])
    guard case .beliefs(let intro, let items) = beliefs.content else {
      Issue.record("not beliefs")
      return
    }
    #expect(intro.isEmpty)
    #expect(items.count == 1)

    let json = Outline(result).json()
    #expect(json.contains("\"facilitator\": [\"15 minutes. Open with a story of your own.\"]"))
    #expect(json.contains("\"pairs compare answers for two minutes.\""))
    #expect(json.components(separatedBy: "\"facilitator\"").count - 1 == 4)
  }

  @Test("A block quote that only mentions a facilitator stays where it is")
  func otherQuotesStay() throws {
    let course = try TemporaryCourse(
      module: "# M\n\n## Lesson: L\n\n> The facilitator: someone who leads.\n", courseFrontMatter: nil)
    defer { course.remove() }
    let module = try #require(course.load().courses.first?.modules.first)
    #expect(module.sections[0].facilitator.isEmpty)
    guard case .lesson(let blocks) = module.sections[0].content else {
      Issue.record("not a lesson")
      return
    }
    #expect(blocks.count == 1)
  }
}
