import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Reports
import Testing

/// The cohort report reads each employee from a digest, not a full history: it must
/// come to what `Standing` (what `coach progress` and the engine use) says, for any
/// history. Random histories, seeded; the seed is printed on failure.
@Suite("Digest standing") struct DigestStandingTests {
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  @Test func aDigestComesToWhatStandingSays() throws {
    let seed = UInt64(ProcessInfo.processInfo.environment["COACH_SEED"] ?? "") ?? 20_261_201
    var random = Generator(state: seed)
    let course = Fixture.course()
    let layout = CourseLayout(course: course)
    let scope = ReportScope(course: course)
    let t0 = Date(timeIntervalSince1970: 1_767_225_600)
    for trial in 0..<400 {
      let role = ["frontline", "manager", nil][Int.random(in: 0..<3, using: &random)]
      let employee = Employee(id: try EmployeeID("e\(trial)"), name: "E", role: role)
      let plan = CoursePlan(course: course, role: role)
      var history = History()
      var clock = t0
      func tick() -> Date {
        clock = clock.addingTimeInterval(Double(Int.random(in: 1...100, using: &random)))
        return clock
      }
      for step in plan.steps.indices where Bool.random(using: &random) || Bool.random(using: &random) {
        let s = plan.steps[step]
        if let question = plan.question(s) {
          for _ in 0..<Int.random(in: 1...3, using: &random) {
            let old = Int.random(in: 0..<5, using: &random) == 0
            // Some answers come from a spaced review: never a drill score.
            let review = Int.random(in: 0..<4, using: &random) == 0
            let score = [0, 0.5, 1, 1][Int.random(in: 0..<4, using: &random)]
            history.attempts.append(
              DrillAttempt(
                employee: employee.id, item: plan.itemRef(s, itemID: question.id),
                itemHash: question.contentHash,
                keyHash: old ? "old" : question.answerKeyHash, response: "r", score: score,
                correct: score == 1,
                sessionID: "s", at: tick(), context: review ? .review : .drill))
          }
        } else if let belief = plan.belief(s) {
          history.beliefs.append(
            BeliefResponse(
              employee: employee.id, item: plan.itemRef(s, itemID: belief.id), kind: .agree, itemHash: "h",
              answer: .point(3), sessionID: "s", at: tick()))
        } else if case .statement(let i) = s.kind, let creed = plan.creed(s) {
          history.beliefs.append(
            BeliefResponse(
              employee: employee.id, item: plan.itemRef(s, itemID: creed.statements[i].id), kind: .statement,
              itemHash: "h", answer: .text("n"), sessionID: "s", at: tick()))
        } else if s.kind == .signature, let creed = plan.creed(s) {
          history.signatures.append(
            CreedSignature(
              employee: employee.id, courseID: course.id, moduleID: plan.module(s).id,
              sectionID: plan.section(s)?.id ?? "",
              creedHash: Bool.random(using: &random) ? creed.contentHash : "old",
              name: "E", sessionID: "s", at: tick()))
        } else if s.kind == .drillResult, Bool.random(using: &random) {
          let questions = plan.drillQuestions(s)
          history.passes.append(
            DrillPass(
              employee: employee.id, courseID: course.id, moduleID: plan.module(s).id,
              sectionID: plan.section(s)?.id ?? "",
              drillHash: Bool.random(using: &random) ? ContentHash.drill(questions) : "old", passMark: 80,
              score: 0.9,
              sessionID: "s", at: tick()))
        } else if let read = plan.pageRead(step, employee: employee.id, sessionID: "s", at: tick()) {
          history.pagesRead.append(read)
        }
      }
      if Bool.random(using: &random) {
        let at = Int.random(in: 0...plan.steps.count, using: &random)
        history.bookmark = plan.bookmark(plan.place(at), employee: employee.id, at: tick())
      }
      if Bool.random(using: &random) {
        let passed = Bool.random(using: &random)
        history.enrolment = Enrolment(
          employee: employee.id, courseID: course.id, started: t0,
          completed: passed || Bool.random(using: &random) ? tick() : nil,
          passed: passed)
        if Int.random(in: 0..<3, using: &random) == 0 { history.passes = [] }
      }
      let digest = DigestStanding(
        CourseDigest(employee: employee, history: history, scope: scope), layout: layout)
      let standing = Standing(plan: plan, history: history)
      let modules = standing.modules()
      let done = modules.filter { $0.status == .passed || $0.status == .completed }.count
      let forRole = modules.filter { $0.status != .notForRole }.count
      #expect(digest.modulesDone == done, "seed \(seed), trial \(trial): modules done")
      #expect(digest.modulesForRole == forRole, "seed \(seed), trial \(trial): modules for the role")
      let drills = course.modules.indices.flatMap { standing.drills($0) }
      #expect(drills.count == digest.drills.count)
      for (mine, theirs) in zip(digest.drills, drills) {
        let same = { (a: Double?, b: Double?) in
          switch (a, b) {
          case (nil, nil): true
          case (let a?, let b?): abs(a - b) < 1e-9
          default: false
          }
        }
        #expect(
          same(mine.first, theirs.standing.first), "seed \(seed), trial \(trial): \(theirs.sectionID) first")
        #expect(
          same(mine.best, theirs.standing.best), "seed \(seed), trial \(trial): \(theirs.sectionID) best")
        #expect(
          mine.passed == theirs.standing.passed, "seed \(seed), trial \(trial): \(theirs.sectionID) passed")
        #expect(mine.recorded == theirs.standing.recordedPass, "seed \(seed), trial \(trial): recorded pass")
      }
    }
  }
}
