import CourseModel
import Foundation
import Testing

@testable import CourseParser

/// A question's answer-key hash changes exactly when what a learner is graded against
/// changes; its wording hash when what a learner reads changes; the content hash every
/// coach stored keeps its recipe.
@Suite struct ContentHashTests {
  static let original = """
    # Module

    ## Drill: Check

    ### What comes first? {#first}

    A customer walks in.

    - [ ] Finish your task
      They have to wait.
    - [x] Look up and greet them
    - [ ] Wait for them to speak

    > Hint: Who notices whom?

    > Looking up tells them they matter.

    ### Which word first? {#word}

    Answer: hello | hi

    ### Order: Put it in order {#steps}

    1. Look up
    2. Smile

    ### Match: Match them {#pairs}

    - Arrival -> Greet
    - Departure -> Thank
    """

  /// The course's questions by id, after replacing `old` with `new` in the module.
  static func questions(_ edits: [(String, String)] = []) throws -> [String: Question] {
    var text = original
    for (old, new) in edits {
      #expect(text.contains(old), "the fixture has \(old)")
      text = text.replacingOccurrences(of: old, with: new)
    }
    let course = try TemporaryCourse(module: text)
    defer { course.remove() }
    let result = course.load()
    #expect(!result.diagnostics.hasErrors, "\(course.diagnostics())")
    var out: [String: Question] = [:]
    for section in result.courses.first?.modules.first?.sections ?? [] {
      if case .drill(_, let items) = section.content { for q in items { out[q.id] = q } }
    }
    return out
  }

  @Test(
    "wording, feedback, hints, scenario, explanation, case, spacing and the order of choices keep the key")
  func wordingKeepsTheKey() throws {
    let before = try Self.questions()
    let wordingEdits: [[(String, String)]] = [
      [("### What comes first? {#first}", "### What do you do first? {#first}")],
      [("They have to wait.", "They wait while you finish.")],
      [("> Hint: Who notices whom?", "> Hint: Think about who should notice.")],
      [("A customer walks in.", "A customer walks into the shop.")],
      [("> Looking up tells them they matter.", "> Looking up first shows they matter.")],
    ]
    for edit in wordingEdits {
      let after = try Self.questions(edit)
      #expect(after["first"]?.answerKeyHash == before["first"]?.answerKeyHash, "\(edit)")
      #expect(after["first"]?.wordingHash != before["first"]?.wordingHash, "\(edit)")
    }
    let sameKey: [[(String, String)]] = [
      [("- [x] Look up and greet them", "- [x] Look up and  greet Them")],
      [
        (
          "- [ ] Finish your task\n  They have to wait.\n- [x] Look up and greet them",
          "- [x] Look up and greet them\n- [ ] Finish your task\n  They have to wait."
        )
      ],
      [("Answer: hello | hi", "Answer: hi | Hello | hello")],
      [("- Arrival -> Greet\n- Departure -> Thank", "- Departure -> Thank\n- Arrival -> Greet")],
    ]
    for edit in sameKey {
      let after = try Self.questions(edit)
      for id in ["first", "word", "pairs"] {
        #expect(after[id]?.answerKeyHash == before[id]?.answerKeyHash, "\(id): \(edit)")
      }
    }
  }

  @Test("which choices are right, the choices, answers, order, pairs and the kind change the key")
  func theAnswerKeyChanges() throws {
    let before = try Self.questions()
    let keyEdits: [(String, [(String, String)])] = [
      ("first", [("- [ ] Wait for them to speak", "- [x] Wait for them to speak")]),
      ("first", [("- [ ] Wait for them to speak", "- [ ] Wait for them to speak\n- [ ] Keep typing")]),
      ("first", [("- [ ] Finish your task", "- [ ] Finish your call")]),
      ("word", [("Answer: hello | hi", "Answer: hello")]),
      ("steps", [("1. Look up\n2. Smile", "1. Smile\n2. Look up")]),
      ("pairs", [("- Arrival -> Greet\n- Departure -> Thank", "- Arrival -> Thank\n- Departure -> Greet")]),
      (
        "steps",
        [
          (
            "### Order: Put it in order {#steps}\n\n1. Look up\n2. Smile",
            "### Put it in order {#steps}\n\nAnswer: look up"
          )
        ]
      ),
    ]
    for (id, edit) in keyEdits {
      let after = try Self.questions(edit)
      #expect(after[id]?.answerKeyHash != before[id]?.answerKeyHash, "\(id): \(edit)")
      #expect(after[id]?.contentHash != before[id]?.contentHash, "\(id): \(edit)")
    }
  }

  @Test func theContentHashKeepsTheRecipeEarlierCoachesStoredWithEachAnswer() throws {
    // Values an earlier coach stored for the fixture course in Tests/CoachTests (its
    // release store): the same questions must still hash to them.
    let choice = Question(
      id: "first", prompt: "What comes first when a customer walks in?",
      body: .choice([
        .init(text: "Finish your task", isCorrect: false),
        .init(text: "Look up and greet them", isCorrect: true),
        .init(text: "Wait for them to speak", isCorrect: false),
      ]))
    #expect(choice.contentHash == "2c2d0317d41ccc43")
    let short = Question(
      id: "word", prompt: "What word do we say first?", body: .short(answers: ["hello", "hi"]))
    #expect(short.contentHash == "bc806d4719a33a06")
  }

  @Test func aDrillsVersionFollowsItsQuestionsAndTheirKeys() throws {
    let before = try Self.questions()
    let ids = ["first", "word", "steps", "pairs"]
    let drill = ContentHash.drill(ids.compactMap { before[$0] })
    let reworded = try Self.questions([
      ("### Which word first? {#word}", "### Which word do we say first? {#word}")
    ])
    #expect(ContentHash.drill(ids.compactMap { reworded[$0] }) == drill)
    let rekeyed = try Self.questions([("Answer: hello | hi", "Answer: hi")])
    #expect(ContentHash.drill(ids.compactMap { rekeyed[$0] }) != drill)
    #expect(ContentHash.drill(ids.dropLast().compactMap { before[$0] }) != drill, "a question fewer")
  }

  @Test func aCoursesVersionChangesWithAnyEditAndNotWithItsFolder() throws {
    func version(_ module: String) throws -> String? {
      // The same id in each folder (by default a course's id is its folder's name).
      let course = try TemporaryCourse(module: module, courseFrontMatter: "id: greeting")
      defer { course.remove() }
      return course.load().courses.first?.contentHash
    }
    let here = try version(Self.original)
    #expect(here != nil)
    #expect(try version(Self.original) == here, "the same course in another folder")
    #expect(try version(Self.original.replacingOccurrences(of: "Hint: Who", with: "Hint: So who")) != here)
  }

  @Test func aBeliefScaleIsItsLabels() {
    let agree = BeliefItem(id: "a", prompt: "I greet people", body: .agree)
    let sameLabels = BeliefItem(id: "r", prompt: "Other words", body: .rate(labels: BeliefItem.agreeLabels))
    let rate = BeliefItem(id: "r", prompt: "How often?", body: .rate(labels: BeliefItem.defaultRateLabels))
    let fewer = BeliefItem(
      id: "r", prompt: "How often?", body: .rate(labels: ["Never", "Sometimes", "Always"]))
    #expect(agree.scaleHash == sameLabels.scaleHash)
    #expect(rate.scaleHash != agree.scaleHash && rate.scaleHash != fewer.scaleHash)
    #expect(rate.scaleHash == BeliefItem(id: "x", prompt: "Reworded?", body: rate.body).scaleHash)
    #expect(agree.scaleHash == BeliefItem.scaleHash(labels: BeliefItem.agreeLabels))
  }
}
