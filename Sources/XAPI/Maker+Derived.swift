import CourseModel
import CourseProgress
import Foundation
import LearnerModel

/// The statements of events the records imply but no row holds: a drill round finished
/// below the pass mark, and a module finished.
extension Maker {
  /// `failed` for each round of a drill that ended below the drill's pass mark now.
  ///
  /// The rounds are the learn session's: the first asks every question; each retry asks
  /// the questions whose best score is below full marks. A round ends with the answer
  /// that leaves none of its questions unanswered. Only answers to the questions as they
  /// are now count, and a drill stops failing once it is passed (a recorded pass).
  func drillsFailed(ledger: Ledger) -> [Statement] {
    var statements: [Statement] = []
    for module in builder.course.modules {
      for section in module.sections {
        guard case .drill(_, let questions) = section.content, !questions.isEmpty else { continue }
        let ids = Set(questions.map(\.id))
        let attempts = history.attempts.filter {
          $0.item.moduleID == module.id && $0.item.sectionID == section.id && ids.contains($0.item.itemID)
            && ledger.version(of: $0).counts
        }
        let passes = history.passes.filter { $0.moduleID == module.id && $0.sectionID == section.id }
        var best: [String: Double] = [:]
        var waiting = ids
        for attempt in attempts {
          best[attempt.item.itemID] = max(best[attempt.item.itemID] ?? 0, attempt.score)
          waiting.remove(attempt.item.itemID)
          guard waiting.isEmpty else { continue }
          let score = questions.map { best[$0.id] ?? 0 }.reduce(0, +) / Double(questions.count)
          if score * 100 >= Double(module.pass) - 1e-9 || passes.contains(where: { $0.at <= attempt.at }) {
            break
          }
          let ref = attempt.item
          statements.append(
            statement(
              .drillFailed, identity: [module.id, section.id, ref.itemID, "\(attempt.attempt)"],
              verb: Verbs.failed, object: sectionActivity(module.id, section.id),
              result: drillResult(score: score, passMark: module.pass, passed: false),
              parents: [moduleActivity(module.id)], grouping: [courseActivity], at: attempt.at))
          waiting = Set(questions.filter { (best[$0.id] ?? 0) < 1 - 1e-9 }.map(\.id))
          if waiting.isEmpty { break }
        }
      }
    }
    return statements
  }

  /// `completed` for each module of the employee's role that is finished (passed, or
  /// done where it has no drill), at the time of the record that finished it.
  func modulesCompleted() -> [Statement] {
    let plan = CoursePlan(course: builder.course, role: learner.role)
    let now = Standing(plan: plan, history: history)
    let times = recordTimes(history)
    var statements: [Statement] = []
    for (m, module) in builder.course.modules.enumerated() {
      let status = now.module(m).status
      guard status == .passed || status == .completed else { continue }
      guard let at = finishTime(module: m, plan: plan, times: times) ?? latestTime(inModule: module.id) else {
        continue
      }
      var result = Result(completion: true)
      if status == .passed { result.success = true }
      statements.append(
        statement(
          .moduleCompleted, identity: [module.id], verb: Verbs.completed, object: moduleActivity(module.id),
          result: result, parents: [courseActivity], at: at))
    }
    return statements
  }

  /// The earliest record time by which module `m` was finished, reading only the records
  /// up to that time (a module, once finished, stays finished as records are added).
  private func finishTime(module m: Int, plan: CoursePlan, times: [Date]) -> Date? {
    func finished(by time: Date) -> Bool {
      let upTo = History(
        enrolment: history.enrolment, attempts: history.attempts.filter { $0.at <= time },
        beliefs: history.beliefs.filter { $0.at <= time },
        signatures: history.signatures.filter { $0.at <= time },
        passes: history.passes.filter { $0.at <= time }, pagesRead: history.pagesRead.filter { $0.at <= time }
      )
      let status = Standing(plan: plan, history: upTo).module(m).status
      return status == .passed || status == .completed
    }
    guard let last = times.last, finished(by: last) else { return nil }
    var low = 0
    var high = times.count - 1
    while low < high {
      let middle = (low + high) / 2
      if finished(by: times[middle]) { high = middle } else { low = middle + 1 }
    }
    return times[low]
  }

  private func recordTimes(_ history: History) -> [Date] {
    let all =
      history.attempts.map(\.at) + history.beliefs.map(\.at) + history.signatures.map(\.at)
      + history.passes.map(\.at) + history.pagesRead.map(\.at)
    return Array(Set(all)).sorted()
  }

  /// The latest record in a module: when a module counts as finished only through the
  /// bookmark having moved past its pages.
  private func latestTime(inModule id: String) -> Date? {
    let all =
      history.attempts.filter { $0.item.moduleID == id }.map(\.at)
      + history.beliefs.filter { $0.item.moduleID == id }.map(\.at)
      + history.signatures.filter { $0.moduleID == id }.map(\.at)
      + history.passes.filter { $0.moduleID == id }.map(\.at)
      + history.pagesRead.filter { $0.moduleID == id }.map(\.at)
    return all.max()
  }
}
