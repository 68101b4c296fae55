import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Testing

/// What a recorded history means against a course that changed since (COURSE_FORMAT.md,
/// "When a course changes"), one rule at a time.
@Suite struct ChangedCourseTests {
  let course = Fixture.course()

  @Test func wordingFeedbackHintsAndExplanationKeepCredit() {
    let history = Records.passedDrill(course)
    let edited = course.editing(question: "four-of-five") { question in
      question.prompt = "Someone rates you four out of five. What does it tell you?"
      question.hints = ["Who stays?"]
      question.explanation = [Fixture.paragraph("Satisfied is not loyal.")]
      if case .choice(var choices) = question.body {
        choices[0].feedback = "A loyal customer gives five."
        question.body = .choice(choices)
      }
    }
    let standing = Records.standing(edited, history)
    let drill = standing.drills(0)[0]
    #expect(drill.standing.passedNow && drill.standing.best == 1)
    #expect(drill.pending.isEmpty && drill.askedAgain.isEmpty)
    #expect(drill.reworded == ["four-of-five"])
    #expect(
      standing.ledger.attempts["four-of-five"].map { $0.map(standing.ledger.version(of:)) } == [.reworded])
    #expect(standing.module(0).status != .retry)
  }

  @Test func aChangedAnswerKeyAsksThatQuestionAgainAndKeepsThePass() {
    let history = Records.passedDrill(course)
    let edited = course.editing(question: "seven-cs") { $0.body = .short(answers: ["visit once"]) }
    let standing = Records.standing(edited, history)
    let drill = standing.drills(0)[0]
    #expect(drill.pending == ["seven-cs"])
    #expect(drill.askedAgain == [EarlierAnswers(itemID: "seven-cs", answers: 1, version: .earlierKey)])
    #expect(!drill.standing.passedNow && drill.standing.passed)
    #expect(drill.standing.best == nil, "the drill's score waits for the question asked again")
    #expect(drill.standing.recordedPass?.isCurrentVersion == false)
    #expect(drill.standing.recordedPass?.passMark == 80)
    let question = standing.plan.steps.indices.first {
      standing.plan.question(standing.plan.steps[$0])?.id == "seven-cs"
    }!
    #expect(!standing.isDone(question) && standing.hasAnyRecord(question) && standing.isSettled(question))
    #expect(standing.firstUnfinished() == question, "the one question asked again")
    #expect(standing.module(0).status == .passed)
    #expect(standing.ledger.attempts["seven-cs"]?.count == 1, "the earlier answer stays in the history")
  }

  @Test func aChangedKindIsAChangedKey() {
    let history = Records.passedDrill(course)
    let edited = course.editing(question: "journey") { $0.body = .short(answers: ["arrive order pay"]) }
    #expect(Records.standing(edited, history).drills(0)[0].pending == ["journey"])
  }

  @Test func answersStoredBeforeKeysWereKeptCountWhileTheirQuestionIsUnchanged() {
    let history = Records.passedDrill(course, keyed: false, recordPass: false)
    #expect(Records.standing(course, history).drills(0)[0].standing.passedNow)
    // A reworded prompt cannot be told from a new key by such an answer: asked again.
    let reworded = course.editing(question: "journey") { $0.prompt = "Put the visit in order" }
    let drill = Records.standing(reworded, history).drills(0)[0]
    #expect(drill.pending == ["journey"])
    #expect(drill.askedAgain == [EarlierAnswers(itemID: "journey", answers: 1, version: .earlierVersion)])
    // Hints and feedback were never in the stored hash: such an edit keeps credit.
    let hinted = course.editing(question: "journey") { $0.hints = ["Think of a visit."] }
    #expect(Records.standing(hinted, history).drills(0)[0].standing.passedNow)
  }

  @Test func aQuestionAddedToAPassedDrillIsPendingAndTheDrillStaysPassed() {
    let history = Records.passedDrill(course)
    let edited = course.editingDrills { questions in
      if questions.count == 5 {
        questions.append(
          Question(id: "new-one", prompt: "Who greets first?", body: .short(answers: ["you"])))
      }
    }
    let standing = Records.standing(edited, history)
    let drill = standing.drills(0)[0]
    #expect(drill.pending == ["new-one"])
    #expect(drill.askedAgain.isEmpty)
    #expect(drill.standing.passed && !drill.standing.firstPassDone)
    #expect(drill.standing.recordedPass?.at == Records.start)
    #expect(drill.standing.recordedPass?.isCurrentVersion == false)
    #expect(standing.module(0).status == .passed, "not a reset")
    let asked = standing.firstUnfinished().map { standing.plan.question(standing.plan.steps[$0])?.id }
    #expect(asked == "new-one")
  }

  @Test func aRaisedPassMarkKeepsThePassAsRecordedAndShowsTheStandingNow() {
    let questions = Records.questions(course)
    let history = History(
      attempts: questions.indices.map { Records.answer(questions[$0], score: $0 == 0 ? 0 : 1) },
      beliefs: Records.beliefs(course), passes: [Records.pass(questions, mark: 80, score: 0.8)],
      pagesRead: Records.pagesRead(course))
    let standing = Records.standing(Fixture.course(pass: 90), history)
    let drill = standing.drills(0)[0].standing
    #expect(drill.passMark == 90 && drill.best == 0.8)
    #expect(!drill.passedNow && drill.passed)
    #expect(drill.recordedPass?.passMark == 80 && drill.recordedPass?.score == 0.8)
    #expect(drill.recordedPass?.isCurrentVersion == true, "the same questions, another mark")
    #expect(standing.module(0).status == .passed)
    let result = standing.plan.steps.indices.first { standing.plan.steps[$0].kind == .drillResult }!
    #expect(standing.isDone(result), "the drill is not asked again")
  }

  @Test func aPassFromBeforePassesWereRecordedIsTheCompletedEnrolments() {
    let completed = Records.start.addingTimeInterval(600)
    var history = Records.passedDrill(course, recordPass: false)
    history.enrolment = Enrolment(
      employee: Records.employee.id, courseID: "service", started: Records.start, completed: completed,
      passed: true)
    let derived = RecordedPass(
      passMark: nil, score: nil, at: completed, isCurrentVersion: nil, isRecorded: false)
    #expect(Records.standing(course, history).drills(0)[0].standing.recordedPass == derived)
    let edited = course.editing(question: "pairs") { $0.body = .match([.init(left: "A", right: "B")]) }
    let drill = Records.standing(edited, history).drills(0)[0].standing
    #expect(drill.passed && !drill.passedNow)
    #expect(
      drill.recordedPass
        == RecordedPass(passMark: nil, score: nil, at: completed, isCurrentVersion: nil, isRecorded: false))
    history.enrolment?.passed = false
    #expect(!Records.standing(edited, history).drills(0)[0].standing.passed)
  }

  @Test func aChangedCreedShowsTheEarlierSignatureAndInvitesANewOne() {
    guard case .creed(let creed) = course.modules[2].sections[1].content else {
      Issue.record("the fixture has no creed")
      return
    }
    let signedAt = Records.start.addingTimeInterval(60)
    func note(_ section: String, _ item: String, _ kind: BeliefResponse.Kind) -> BeliefResponse {
      BeliefResponse(
        employee: Records.employee.id,
        item: ItemRef(courseID: "service", moduleID: "closing", sectionID: section, itemID: item), kind: kind,
        itemHash: "h", answer: kind == .agree ? .point(4) : .text(""), sessionID: "s", at: Records.start)
    }
    // Everything in the closing module done: its pages, the statement, the creed's notes,
    // the signature.
    let history = History(
      beliefs: [
        note("end", "care", .agree), note("creed", "creed-1", .statement),
        note("creed", "creed-2", .statement),
      ],
      signatures: [
        CreedSignature(
          employee: Records.employee.id, courseID: "service", moduleID: "closing", sectionID: "creed",
          creedHash: creed.contentHash, name: "Jane Doe", sessionID: "s", at: signedAt)
      ], pagesRead: Records.pagesRead(course, module: 2))
    let signature = { (standing: Standing) in
      standing.plan.steps.indices.first { standing.plan.steps[$0].kind == .signature }!
    }
    let unchanged = Records.standing(course, history)
    #expect(unchanged.creed(2) == CreedStanding(signedAt: signedAt, earlierVersionSignedAt: nil))
    #expect(!unchanged.invitesAgain(signature(unchanged)))
    #expect(unchanged.firstUnfinished(in: unchanged.plan.moduleSteps[2]) == nil)

    let edited = course.editingCreed { $0[0].text = "We listen first, and we listen well." }
    let standing = Records.standing(edited, history)
    let step = signature(standing)
    #expect(standing.creed(2) == CreedStanding(signedAt: nil, earlierVersionSignedAt: signedAt))
    #expect(standing.isDone(step) && !standing.hasRecord(step) && standing.invitesAgain(step))
    #expect(!standing.module(2).creedSigned)
    #expect(standing.module(2).status == .completed, "signed, in an earlier version")
    #expect(standing.firstUnfinished(in: standing.plan.moduleSteps[2]) == step, "invited to sign again")
  }

  @Test func removedQuestionsModulesAndChangedIdsRetireTheirRecords() {
    let questions = Records.questions(course)
    let tone = Records.questions(course, drill: "lead-drill")[0]
    let note = BeliefResponse(
      employee: Records.employee.id,
      item: ItemRef(courseID: "service", moduleID: "closing", sectionID: "end", itemID: "care"), kind: .agree,
      itemHash: "h", answer: .point(4), sessionID: "s", at: Records.start)
    let history = History(
      attempts: questions.map { Records.answer($0) }
        + [Records.answer(tone, module: "managing", section: "lead-drill")],
      beliefs: [note], passes: [Records.pass(questions)])
    var edited = course.editingDrills { questions in
      questions.removeAll { $0.id == "pairs" }
      for i in questions.indices where questions[i].id == "journey" { questions[i].id = "visit-order" }
    }
    edited.modules.removeAll { $0.id == "managing" || $0.id == "closing" }
    let standing = Records.standing(edited, history, role: "manager")
    let retired = standing.retired()
    #expect(
      retired.map { "\($0.kind.rawValue) \($0.moduleID)/\($0.itemID) \($0.records) \($0.moduleRetired)" } == [
        "question basics/journey 1 false", "question basics/pairs 1 false",
        "question managing/tone 1 true", "belief closing/care 1 true",
      ])
    let drill = standing.drills(0)[0]
    #expect(drill.pending == ["visit-order"], "a new id is a new item")
    #expect(drill.standing.passed, "the pass as recorded stands")
  }

  @Test func beliefAnswersCompareOnlyOnTheSameScale() {
    let often = BeliefItem(
      id: "often", prompt: "How often do you thank a customer?",
      body: .rate(labels: BeliefItem.defaultRateLabels))
    func response(
      _ module: String, scale: String?, hash: String, point: Int, minutes: Double,
      kind: BeliefResponse.Kind = .rate
    )
      -> BeliefResponse
    {
      BeliefResponse(
        employee: Records.employee.id,
        item: ItemRef(courseID: "service", moduleID: module, sectionID: "x", itemID: "often"), kind: kind,
        itemHash: hash, scaleHash: scale, answer: .point(point), sessionID: "s",
        at: Records.start.addingTimeInterval(minutes * 60))
    }
    let ledger = Ledger(History(), course: course)
    let before = response("basics", scale: often.scaleHash, hash: often.contentHash, point: 2, minutes: 0)
    let reworded = response("closing", scale: often.scaleHash, hash: "other", point: 4, minutes: 5)
    let rescaled = response(
      "closing", scale: BeliefItem.scaleHash(labels: ["Never", "Sometimes", "Always"]), hash: "x", point: 3,
      minutes: 5)
    #expect(ledger.sameScale(before, reworded))
    #expect(!ledger.sameScale(before, rescaled))
    // Stored before scales were kept: an Agree scale never changes; a Rate's is known while
    // its item is as it was.
    let oldAgree = response("basics", scale: nil, hash: "gone", point: 2, minutes: 0, kind: .agree)
    let newAgree = response(
      "closing", scale: BeliefItem.scaleHash(labels: BeliefItem.agreeLabels), hash: "h", point: 5, minutes: 5,
      kind: .agree)
    #expect(ledger.sameScale(oldAgree, newAgree))
    let oldRate = response("basics", scale: nil, hash: "0000000000000000", point: 2, minutes: 0)
    #expect(!ledger.sameScale(oldRate, reworded), "the item changed since: the scale is not known")
    let history = History(beliefs: [before, rescaled])
    let changes = Records.standing(course, history).beliefChanges()
    #expect(changes.map(\.itemID) == ["often"])
    #expect(changes.first?.sameScale == false)
    #expect(
      Records.standing(course, History(beliefs: [before, reworded])).beliefChanges().first?.sameScale == true)
  }
}
