import CoachTestSupport
import CourseModel
import CourseProgress
import Foundation
import LearnerModel
import Review
import Testing

/// A question's review schedule is its attempts replayed through FSRS: every answer that
/// counts, drill and review alike; an answer-key change starts afresh; only finished
/// modules are on the review list; review answers never change a drill's score.
@Suite struct ReviewScheduleTests {
  let course = Fixture.course()
  let day: TimeInterval = 86_400
  var questions: [Question] { Records.questions(course) }

  func review(_ question: Question, score: Double = 1, at: Date) -> DrillAttempt {
    var attempt = Records.answer(question, score: score, at: at)
    attempt.context = .review
    return attempt
  }

  /// The basics module done, with more answers to its questions after it.
  func history(adding answers: [DrillAttempt]) -> History {
    var history = Records.passedDrill(course)
    history.attempts += answers
    return history
  }

  @Test func aQuestionsStateIsEveryAnswerThatCountsReplayedInTimeOrder() throws {
    let q = questions[0]
    let start = Records.start
    // Stored out of time order on purpose: the schedule replays by time.
    let answers = [
      review(q, score: 0, at: start + 9 * day), review(q, at: start + 3 * day),
      review(q, at: start + 9 * day + 600),
    ]
    let schedule = ReviewSchedule(Records.standing(course, history(adding: answers)), scheduler: .default)
    let memory = try #require(schedule.memory(of: q.id))
    let expected = FSRS.default.replay([
      (at: start, rating: .good), (at: start + 3 * day, rating: .good), (at: start + 9 * day, rating: .again),
      (at: start + 9 * day + 600, rating: .good),
    ])
    #expect(memory.entries.map(\.state) == expected)
    #expect(
      memory.entries.map(\.attempt.at) == [start, start + 3 * day, start + 9 * day, start + 9 * day + 600])
    #expect(memory.entries.map(\.rating) == [.good, .good, .again, .good])
    #expect(memory.entries[0].recallBefore == nil)
    #expect(memory.entries[1].recallBefore == FSRS.default.retrievability(expected[0], at: start + 3 * day))
    #expect(memory.state == expected.last)
    #expect(memory.isListed)
    // Partly right is wrong: a select-all answer at 0.5 is Again.
    let partly = ReviewSchedule(
      Records.standing(course, history(adding: [review(questions[1], score: 0.5, at: start + 2 * day)])),
      scheduler: .default)
    #expect(partly.memory(of: questions[1].id)?.entries.last?.rating == .again)
  }

  @Test func anAnswerKeyChangeStartsTheQuestionAfresh() throws {
    let q = questions[0]
    let history = history(adding: [review(q, at: Records.start + 2 * day)])
    let edited = course.editing(question: q.id) { question in
      guard case .choice(var choices) = question.body else { return }
      for i in choices.indices { choices[i].isCorrect.toggle() }
      question.body = .choice(choices)
    }
    let changed = ReviewSchedule(Records.standing(edited, history), scheduler: .default)
    let before = try #require(changed.memory(of: q.id))
    #expect(before.entries.map(\.version) == [.earlierKey, .earlierKey])
    #expect(before.entries.allSatisfy { !$0.counts } && before.state == nil)
    #expect(!changed.due(at: Records.start + 400 * day).contains { $0.question.id == q.id })
    // The first answer to the new key starts the schedule, as a first review does.
    let newQuestion = Records.questions(edited)[0]
    var again = history
    let at = Records.start + 5 * day
    again.attempts.append(Records.answer(newQuestion, score: 0, at: at))
    let fresh = try #require(
      ReviewSchedule(Records.standing(edited, again), scheduler: .default).memory(of: q.id))
    #expect(fresh.state == FSRS.default.review(nil, rating: .again, at: at))
    #expect(fresh.state?.reps == 1 && fresh.entries.count == 3)
    // A reworded prompt keeps the schedule.
    let reworded = course.editing(question: q.id) { $0.prompt = "Four out of five: what does it tell you?" }
    let kept = ReviewSchedule(Records.standing(reworded, history), scheduler: .default).memory(of: q.id)
    #expect(
      kept?.state
        == ReviewSchedule(Records.standing(course, history), scheduler: .default).memory(of: q.id)?.state)
    #expect(kept?.entries.map(\.version) == [.reworded, .reworded])
  }

  @Test func onlyTheQuestionsOfFinishedModulesAreOnTheReviewList() throws {
    // The drill answered, its belief items not: the module is not finished.
    var unfinished = Records.passedDrill(course)
    unfinished.beliefs = []
    let schedule = ReviewSchedule(Records.standing(course, unfinished), scheduler: .default)
    #expect(schedule.questions.count == 6, "every question of the course, the managers' too")
    #expect(schedule.questions.filter { $0.state != nil }.count == 5, "answered: a memory")
    #expect(schedule.listed.isEmpty && schedule.due(at: Records.start + 400 * day).isEmpty)
    #expect(schedule.nextDue(after: Records.start) == nil)
    let finished = ReviewSchedule(Records.standing(course, Records.passedDrill(course)), scheduler: .default)
    #expect(finished.listed.map(\.question.id) == questions.map(\.id))
    // The managers' module is not for a front-line employee: never listed.
    #expect(finished.questions.first { $0.question.id == "tone" }?.isListed == false)
  }

  @Test func dueQuestionsComeMostOverdueFirstAndNextDueIsTheEarliestWaiting() throws {
    let start = Records.start
    // Reviews on different days push each question's due date apart.
    let history = history(adding: [
      review(questions[4], at: start + 3 * day), review(questions[2], score: 0, at: start + 3 * day),
      review(questions[0], at: start + 5 * day),
    ])
    let schedule = ReviewSchedule(Records.standing(course, history), scheduler: .default)
    let dues = Dictionary(uniqueKeysWithValues: schedule.listed.map { ($0.question.id, $0.state!.due) })
    let late = start + 400 * day
    let order = schedule.due(at: late).map(\.question.id)
    let expected = questions.map(\.id).enumerated().sorted {
      (dues[$0.element]!, $0.offset) < (dues[$1.element]!, $1.offset)
    }
    .map(\.element)
    #expect(order == expected)
    #expect(order.count == 5)
    #expect(zip(order, order.dropFirst()).allSatisfy { dues[$0]! <= dues[$1]! })
    // At a time between, only those due by then, and the next is the earliest still waiting.
    let middle = dues.values.sorted()[2]
    #expect(Set(schedule.due(at: middle).map(\.question.id)) == Set(dues.filter { $0.value <= middle }.keys))
    #expect(schedule.nextDue(after: middle) == dues.values.filter { $0 > middle }.min())
  }

  @Test func recallIsTheRetrievabilityAveragedOverAModulesAnsweredQuestions() throws {
    let schedule = ReviewSchedule(Records.standing(course, Records.passedDrill(course)), scheduler: .default)
    let at = Records.start + 10 * day
    let expected = schedule.listed.map { FSRS.default.retrievability($0.state!, at: at) }.reduce(0, +) / 5
    #expect(schedule.recall(module: 0, at: at) == expected)
    #expect((0.5...0.95).contains(expected), "ten days after one right answer each")
    #expect(schedule.recall(module: 0, at: Records.start) == 1, "the same day")
    #expect(schedule.recall(module: 1, at: at) == nil, "no answers in the managers' module")
    #expect(schedule.recall(module: 2, at: at) == nil, "a module without a drill")
    // A higher desired retention brings questions back sooner.
    let strict = ReviewSchedule(
      Records.standing(course, Records.passedDrill(course)), scheduler: try FSRS(desiredRetention: 0.97))
    #expect(strict.listed[0].state!.due < schedule.listed[0].state!.due)
  }

  @Test func reviewAnswersFeedTheScheduleButNeverTheDrillScore() throws {
    // A drill passed at 80% with one question missed; the miss is then reviewed right.
    var history = Records.passedDrill(course)
    history.attempts[2].score = 0
    history.attempts[2].correct = false
    let drill = Records.standing(course, history).module(0).drill
    history.attempts.append(review(questions[2], at: Records.start + day))
    history.attempts.append(review(questions[0], score: 0, at: Records.start + day))
    let standing = Records.standing(course, history)
    let after = standing.module(0).drill
    #expect(after?.best == drill?.best && after?.first == drill?.first && after?.rounds == 1)
    #expect(after?.missed == [2], "the review does not make the drill's miss right")
    #expect(standing.module(0).status == .passed)
    let memory = ReviewSchedule(standing, scheduler: .default).memory(of: questions[2].id)
    #expect(memory?.entries.map(\.rating) == [.again, .good])
    #expect(memory?.entries.map(\.attempt.context) == [.drill, .review])
  }
}
