import CourseModel
import CourseParser
import CourseProgress
import Foundation
import LearnerModel
import ProgressStoreSQLite
import Review
import StoreBenchSupport

/// Whether a question's review state needs a cache: working out every question's schedule
/// from the attempts (what `coach review`, the course home and `coach progress` do each
/// time) against reading the same learner's history from the store, which every command
/// does anyway. The learner took the real course and then two years of reviews, each on
/// the day it fell due, right 85% of the time.
struct ReviewComparison {
  let runs: Int
  let coursePath = "../courses/legendary-service"

  func run() async throws {
    let loaded = CourseLoader.load(paths: [coursePath])
    guard let course = loaded.courses.first, !loaded.diagnostics.hasErrors else {
      throw BenchError("cannot load \(coursePath) (run from Benchmarks/)")
    }
    let role = course.roles.last
    let employee = Employee(id: try EmployeeID("reviewer"), name: "Reviewer", role: role)
    let path = BenchFiles.fresh("review.sqlite")
    let store = try SQLiteProgressStore(path: path, durability: .normal)
    try await store.saveEmployee(employee)
    let answers = try await record(course, employee: employee, into: store)

    let plan = CoursePlan(course: course, role: role)
    let clock = ContinuousClock()
    var reading: [Double] = []
    var standing: [Double] = []
    var schedule: [Double] = []
    var replay: [Double] = []
    var statuses: [Double] = []
    var due = 0
    let now = Date(timeIntervalSince1970: 1_772_442_000 + 800 * 86_400)
    for _ in 0..<runs {
      var start = clock.now
      let history = try await store.history(of: employee.id, in: course.id)
      reading.append((clock.now - start).seconds)
      start = clock.now
      let standingNow = Standing(plan: plan, history: history)
      standing.append((clock.now - start).seconds)
      start = clock.now
      let reviews = ReviewSchedule(standingNow, scheduler: .default)
      due = reviews.due(at: now).count
      schedule.append((clock.now - start).seconds)
      // Its two parts: FSRS on each question's answers, and each module's status.
      start = clock.now
      for answers in Dictionary(grouping: history.attempts, by: \.item.itemID).values {
        _ = FSRS.default.replay(answers.map { (at: $0.at, rating: Rating(correct: $0.correct)) })
      }
      replay.append((clock.now - start).seconds)
      start = clock.now
      _ = standingNow.modules()
      statuses.append((clock.now - start).seconds)
    }
    let questions = plan.course.modules.flatMap(\.sections).reduce(0) { count, section in
      if case .drill(_, let items) = section.content { return count + items.count }
      return count
    }
    print(
      "## Review schedule, \(course.id): \(questions) questions, \(answers) answers over two years "
        + "(\(due) due at the end)")
    let baseline = median(reading)
    Table(columns: ["step", "ms (median of \(runs))", "ratio to reading"]).print([
      ["read the history from the store", format(baseline * 1000, 2), "1.00"],
      [
        "Standing (every command makes it)", format(median(standing) * 1000, 2),
        format(median(standing) / baseline, 2),
      ],
      [
        "ReviewSchedule: replay every question", format(median(schedule) * 1000, 2),
        format(median(schedule) / baseline, 2),
      ],
      [
        "  of which FSRS on every answer", format(median(replay) * 1000, 2),
        format(median(replay) / baseline, 2),
      ],
      [
        "  of which each module's status", format(median(statuses) * 1000, 2),
        format(median(statuses) / baseline, 2),
      ],
    ])
    print("RESULT review schedule/read history: \(format(median(schedule) / baseline, 2))x\n")
  }

  /// The course's drills answered once (right 85% of the time), then each question
  /// reviewed on the day it falls due for two years.
  func record(_ course: Course, employee: Employee, into store: SQLiteProgressStore) async throws -> Int {
    var rng = SplitMix(seed: 20_260_302)
    let start = Date(timeIntervalSince1970: 1_772_442_000)
    let end = start.addingTimeInterval(730 * 86_400)
    var count = 0
    for module in course.modules {
      for section in module.sections {
        guard case .drill(_, let questions) = section.content else { continue }
        for question in questions {
          var state: MemoryState?
          var at = start.addingTimeInterval(Double(count))
          var context = DrillAttempt.Context.drill
          while at < end {
            let right = Double(rng.next() % 1000) / 1000 < 0.85
            try await store.recordAttempt(
              DrillAttempt(
                employee: employee.id,
                item: ItemRef(
                  courseID: course.id, moduleID: module.id, sectionID: section.id, itemID: question.id),
                itemHash: question.contentHash, keyHash: question.answerKeyHash, response: "r",
                score: right ? 1 : 0, correct: right, sessionID: "bench", at: at, context: context),
              bookmark: nil)
            count += 1
            state = FSRS.default.review(state, rating: right ? .good : .again, at: at)
            at = state!.due.addingTimeInterval(3600)
            context = .review
          }
        }
      }
    }
    return count
  }
}

/// SplitMix64, so every run records the same answers.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
