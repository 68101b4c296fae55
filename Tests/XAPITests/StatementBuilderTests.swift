import CoachTestSupport
import CourseModel
import Foundation
import LearnerModel
import Testing

@testable import SessionEngine
@testable import XAPI

/// Statements built from histories written by hand against the fixture course, each
/// set validated by ralph-malph's model (validate.py).
@Suite struct StatementBuilderTests {
  static let course = Fixture.course()
  static let employee = Fixture.employee()
  static let start = Date(timeIntervalSince1970: 1_777_887_000)
  static func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

  static func questions(_ course: Course = course) -> [Question] {
    guard case .drill(_, let questions) = course.modules[0].sections[1].content else { return [] }
    return questions
  }

  static func ref(_ module: String, _ section: String, _ item: String) -> ItemRef {
    ItemRef(courseID: "service", moduleID: module, sectionID: section, itemID: item)
  }

  /// An answer as the engine records it.
  static func attempt(
    _ index: Int, _ answer: DrillAnswer, number: Int, at seconds: Double, course: Course = course
  )
    -> DrillAttempt
  {
    let question = questions(course)[index]
    let score = Grader.score(question, answer)
    return DrillAttempt(
      employee: employee.id, item: ref("basics", "check", question.id), itemHash: question.contentHash,
      keyHash: question.answerKeyHash, response: Session.describe(answer, of: question), score: score,
      correct: score >= 1 - 1e-9, attempt: number, sessionID: "s1", at: at(seconds))
  }

  static func belief(
    _ section: String, _ item: String, _ kind: BeliefResponse.Kind, _ answer: BeliefAnswer,
    shared: Bool = false, scaleHash: String? = nil, at seconds: Double, module: String = "basics"
  ) -> BeliefResponse {
    BeliefResponse(
      employee: employee.id, item: ref(module, section, item), kind: kind, itemHash: "h",
      scaleHash: scaleHash,
      answer: answer, shared: shared, sessionID: "s1", at: at(seconds))
  }

  /// A frontline employee's whole run: the drill failed once (3 of 5), then passed (4 of 5).
  static func fullHistory() -> History {
    let questions = questions()
    let creed = Creed(statements: [
      .init(id: "creed-1", text: "We listen first."), .init(id: "creed-2", text: "We keep our word."),
    ])
    return History(
      enrolment: Enrolment(
        employee: employee.id, courseID: "service", started: at(0), completed: at(100), passed: true,
        courseVersion: course.contentHash),
      attempts: [
        attempt(0, .choices([0]), number: 1, at: 10),
        attempt(1, .choices([0, 1]), number: 1, at: 11),
        attempt(2, .text("call once"), number: 1, at: 12),
        attempt(3, .order([0, 1, 2]), number: 1, at: 13),
        attempt(4, .match([0: 0, 1: 1, 2: 2]), number: 1, at: 14),
        attempt(0, .choices([1]), number: 2, at: 20),
        attempt(1, .choices([0, 2]), number: 2, at: 21),
      ],
      beliefs: [
        belief("start", "care", .agree, .point(4), at: 30),
        belief(
          "start", "often", .rate, .point(3),
          scaleHash: BeliefItem.scaleHash(labels: BeliefItem.defaultRateLabels), at: 31),
        belief("start", "story", .reflect, .text("SECRET story of the day I was served well"), at: 32),
        belief("start", "values", .rank, .order(["Warmth", "Speed", "Accuracy"]), at: 33),
        belief("end", "care", .agree, .point(5), at: 40, module: "closing"),
        belief("creed", "creed-1", .statement, .text("my private note"), at: 41, module: "closing"),
        belief("creed", "creed-2", .statement, .text(""), at: 42, module: "closing"),
      ],
      signatures: [
        CreedSignature(
          employee: employee.id, courseID: "service", moduleID: "closing", sectionID: "creed",
          creedHash: creed.contentHash, name: "Jane Doe", sessionID: "s1", at: at(43))
      ],
      passes: [
        DrillPass(
          employee: employee.id, courseID: "service", moduleID: "basics", sectionID: "check",
          drillHash: ContentHash.drill(questions), passMark: 80, score: 0.8, sessionID: "s1", at: at(20))
      ],
      pagesRead: [
        PageRead(
          employee: employee.id, courseID: "service", moduleID: "", page: .introduction, sessionID: "s1",
          at: at(1)),
        PageRead(
          employee: employee.id, courseID: "service", moduleID: "basics", page: .overview, sessionID: "s1",
          at: at(2)),
        PageRead(
          employee: employee.id, courseID: "service", moduleID: "basics", sectionID: "why", page: .lesson,
          sessionID: "s1", at: at(3)),
        PageRead(
          employee: employee.id, courseID: "service", moduleID: "closing", page: .overview, sessionID: "s1",
          at: at(39)),
      ])
  }

  static func settings(_ identity: XAPISettings.Identity = .account, names: Bool = false) throws
    -> XAPISettings
  {
    try XAPISettings(
      homePage: "https://hr.example.com", activityBase: "https://lrs.example.com/coach", identity: identity,
      includeNames: names)
  }

  /// The statements as JSON objects, after ralph and the spec's rules accepted them.
  static func validated(_ statements: [Statement]) throws -> [[String: Any]] {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "xapi-\(UUID().uuidString).jsonl"
    ).path
    try JSONLines.text(statements).write(toFile: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: file) }
    let validation = try XAPITools.validate(file)
    #expect(validation.problems == [])
    #expect(validation.statements == statements.count)
    return try statements.map {
      try #require(JSONSerialization.jsonObject(with: Data(JSONLines.line($0).utf8)) as? [String: Any])
    }
  }

  static func kinds(_ statements: [Statement]) -> [Statement.Kind: Int] {
    Dictionary(grouping: statements, by: \.kind).mapValues(\.count)
  }

  @Test func aWholeRunGivesOneStatementPerRecordAndTheEventsTheyImply() throws {
    let builder = StatementBuilder(course: Self.course, settings: try Self.settings())
    let statements = builder.statements(for: Learner(Self.employee), history: Self.fullHistory())
    _ = try Self.validated(statements)
    #expect(
      Self.kinds(statements) == [
        .registered: 1, .courseCompleted: 1, .pageRead: 4, .answer: 7, .drillPassed: 1, .drillFailed: 1,
        .belief: 5, .creedNote: 2, .creedSigned: 1, .moduleCompleted: 2,
      ])
    // Oldest first.
    #expect(statements.map(\.timestamp) == statements.map(\.timestamp).sorted())
    // The first round (3 of 5) ended with the match question's answer.
    let failed = try #require(statements.first { $0.kind == .drillFailed })
    #expect(failed.timestamp == Timestamp.iso8601(Self.at(14)))
    #expect(failed.result?.score?.scaled == 0.6)
    #expect(failed.result?.success == false)
    let passed = try #require(statements.first { $0.kind == .drillPassed })
    #expect(passed.result?.score == Result.Score(scaled: 0.8, raw: 80, min: 0, max: 100))
    // Modules: basics finished with its last belief answer, closing with its last creed
    // note (signing is an invitation, never a condition, so the signature after it is not
    // what finishes the module).
    let modules = statements.filter { $0.kind == .moduleCompleted }
    #expect(
      modules.map(\.object.id) == [
        "https://lrs.example.com/coach/courses/service/modules/basics",
        "https://lrs.example.com/coach/courses/service/modules/closing",
      ])
    #expect(modules.map(\.timestamp) == [Timestamp.iso8601(Self.at(33)), Timestamp.iso8601(Self.at(42))])
    #expect(modules[0].result?.success == true && modules[1].result?.success == nil)
    // Nothing private leaves: the reflection, the note, the name signed.
    let text = JSONLines.text(statements)
    for secret in ["SECRET", "my private note", "Jane Doe"] { #expect(!text.contains(secret), "\(secret)") }
    let note = try #require(statements.first { $0.kind == .creedNote })
    #expect(note.result == Result(extensions: [Vocabulary.responseWithheld: .bool(true)]))
    #expect(statements.filter { $0.kind == .creedNote }.last?.result == nil)
    // A select-all answer: the picked ids, half marks.
    let select = statements.filter { $0.object.id.hasSuffix("/items/raving-fans") }
    #expect(select.map(\.result?.response) == ["consistency[,]discounts", "consistency[,]recovery"])
    #expect(select[0].object.definition?.correctResponsesPattern == ["consistency[,]recovery"])
    #expect(select[0].result?.score?.scaled == 0)
    // A rank: the learner's order, no right answer.
    let rank = try #require(statements.first { $0.object.id.hasSuffix("/items/values") })
    #expect(rank.result?.response == "warmth[,]speed[,]accuracy")
    #expect(rank.object.definition?.correctResponsesPattern == nil && rank.result?.score == nil)
    #expect(rank.object.definition?.interactionType == "sequencing")
  }

  @Test func recordsOfAnEarlierVersionKeepTheirStatementWithoutTheItemsDefinition() throws {
    var history = Self.fullHistory()
    var changed = Self.attempt(0, .choices([1]), number: 3, at: 50)
    changed.keyHash = "0123456789abcdef"
    var retired = Self.attempt(2, .text("call once"), number: 1, at: 51)
    retired.item.itemID = "gone"
    history.attempts += [changed, retired]
    history.beliefs.append(
      Self.belief("start", "often", .rate, .point(2), scaleHash: "another-scale", at: 52))
    let statements = StatementBuilder(course: Self.course, settings: try Self.settings())
      .statements(for: Learner(Self.employee), history: history)
    let json = try Self.validated(statements)
    let earlier = try #require(
      statements.first { $0.timestamp == Timestamp.iso8601(Self.at(50)) && $0.kind == .answer })
    #expect(earlier.object.definition == nil)
    #expect(earlier.context?.extensions?[Vocabulary.answerVersion] == .string("answer-key-changed"))
    #expect(earlier.result?.response == nil)
    #expect(earlier.result?.extensions?[Vocabulary.recordedResponse] == .string("They may still leave"))
    let gone = try #require(statements.first { $0.object.id.hasSuffix("/items/gone") })
    #expect(gone.context?.extensions?[Vocabulary.answerVersion] == .string("retired"))
    let rate = try #require(statements.first { $0.timestamp == Timestamp.iso8601(Self.at(52)) })
    #expect(rate.object.definition == nil && rate.result?.response == nil)
    #expect(rate.result?.extensions?[Vocabulary.recordedResponse] == .string("2"))
    #expect(json.count == statements.count)
  }

  @Test func anEmailNamesTheLearnerOnlyWhenAskedForAndKnown() throws {
    let history = Self.fullHistory()
    let withEmail = Learner(Self.employee, email: "jane.doe@example.com")
    let byEmail = StatementBuilder(course: Self.course, settings: try Self.settings(.email, names: true))
    let mailed = byEmail.statements(for: withEmail, history: history)
    let json = try Self.validated(mailed)
    #expect(
      json.allSatisfy { ($0["actor"] as? [String: Any])?["mbox"] as? String == "mailto:jane.doe@example.com" }
    )
    #expect(mailed.allSatisfy { $0.actor.account == nil && $0.actor.name == "Jane Doe" })
    // Asked for, but the roster has none: the account.
    let noEmail = byEmail.statements(for: Learner(Self.employee), history: history)
    #expect(noEmail.allSatisfy { $0.actor.mbox == nil && $0.actor.account?.name == "e1" })
    // Known, but not asked for: the account, without the name.
    let byAccount = StatementBuilder(course: Self.course, settings: try Self.settings())
      .statements(for: withEmail, history: history)
    #expect(
      byAccount.allSatisfy {
        $0.actor == Agent(account: .init(homePage: "https://hr.example.com", name: "e1"))
      })
    #expect(!JSONLines.text(byAccount).contains("jane.doe"))
    // Ids follow the record, not how the learner is named.
    #expect(mailed.map(\.id) == byAccount.map(\.id))
  }

  @Test func idsAndTheRegistrationFollowTheRecords() throws {
    let builder = StatementBuilder(course: Self.course, settings: try Self.settings())
    let first = builder.statements(for: Learner(Self.employee), history: Self.fullHistory())
    let again = builder.statements(for: Learner(Self.employee), history: Self.fullHistory())
    #expect(first == again)
    #expect(Set(first.map(\.id)).count == first.count)
    #expect(Set(first.compactMap(\.context?.registration)).count == 1)
    let elsewhere = StatementBuilder(
      course: Self.course, settings: try XAPISettings(homePage: "https://other.example.com")
    )
    .statements(for: Learner(Self.employee), history: Self.fullHistory())
    #expect(Set(elsewhere.map(\.id)).isDisjoint(with: first.map(\.id)))
    var later = Self.fullHistory()
    later.enrolment?.started = Self.at(-1)
    let reenrolled = builder.statements(for: Learner(Self.employee), history: later)
    #expect(reenrolled.first?.context?.registration != first.first?.context?.registration)
  }

  @Test func eachRoundBelowThePassMarkFailsUntilTheDrillIsPassed() throws {
    let course = Fixture.course(pass: 90)
    let questions = Self.questions(course)
    func attempt(_ i: Int, _ answer: DrillAnswer, _ n: Int, _ t: Double) -> DrillAttempt {
      Self.attempt(i, answer, number: n, at: t, course: course)
    }
    let history = History(
      enrolment: Enrolment(employee: Self.employee.id, courseID: "service", started: Self.at(0)),
      attempts: [
        attempt(0, .choices([0]), 1, 1), attempt(1, .choices([1]), 1, 2),
        attempt(2, .text("call once"), 1, 3),
        attempt(3, .order([0, 1, 2]), 1, 4), attempt(4, .match([0: 0, 1: 1, 2: 2]), 1, 5),
        // Round 2 asks the two missed questions: one right, one still wrong (0.8).
        attempt(0, .choices([1]), 2, 6), attempt(1, .choices([3]), 2, 7),
        // Round 3 asks the one still missed: right (1.0).
        attempt(1, .choices([0, 2]), 3, 8),
      ],
      passes: [
        DrillPass(
          employee: Self.employee.id, courseID: "service", moduleID: "basics", sectionID: "check",
          drillHash: ContentHash.drill(questions), passMark: 90, score: 1, sessionID: "s1", at: Self.at(8))
      ])
    let statements = StatementBuilder(course: course, settings: try Self.settings())
      .statements(for: Learner(Self.employee), history: history)
    _ = try Self.validated(statements)
    let failed = statements.filter { $0.kind == .drillFailed }
    #expect(failed.map(\.timestamp) == [Timestamp.iso8601(Self.at(5)), Timestamp.iso8601(Self.at(7))])
    #expect(failed.map(\.result?.score?.scaled) == [0.6, 0.8])
    #expect(failed.allSatisfy { $0.result?.extensions?[Vocabulary.passMark] == .int(90) })
    #expect(statements.filter { $0.kind == .drillPassed }.count == 1)
    #expect(statements.filter { $0.kind == .moduleCompleted }.isEmpty)
  }

  @Test("The export's summary counts one statement and one employee in the singular")
  func summaryInTheSingular() throws {
    let builder = StatementBuilder(course: Self.course, settings: try Self.settings())
    let all = builder.statements(for: Learner(Self.employee), history: Self.fullHistory())
    let one = XAPIExport(statements: [try #require(all.first)], learners: 1, notes: [])
    #expect(one.summary(course: "tiny", to: nil) == "made 1 statement of tiny for 1 employee (registered 1)")
    let many = XAPIExport(statements: all, learners: 2, notes: [])
    #expect(
      many.summary(course: "tiny", to: "out.jsonl").hasPrefix(
        "wrote \(all.count) statements of tiny to out.jsonl for 2 employees ("))
  }
}
