import Foundation

extension ProgressStore {
  /// One page of employees, filtered from ``allEmployees()``.
  public func employees(_ query: EmployeeQuery) async throws(ProgressStoreError) -> [Employee] {
    var page: [Employee] = []
    for employee in try await allEmployees() where page.count < query.limit {
      if let after = query.after, employee.id <= after { continue }
      if let cohort = query.cohort, employee.cohort != cohort { continue }
      if query.onRosterOnly && !employee.isOnRoster { continue }
      page.append(employee)
    }
    return page
  }

  /// One page of the cohort report, built from each employee's ``History``.
  public func courseDigests(_ scope: ReportScope, _ query: DigestQuery) async throws(ProgressStoreError)
    -> [CourseDigest]
  {
    var page: [CourseDigest] = []
    for employee in try await allEmployees() where page.count < query.limit {
      if let after = query.after, employee.id <= after { continue }
      if let cohort = query.cohort, employee.cohort != cohort { continue }
      let history = try await history(of: employee.id, in: scope.courseID)
      if let since = query.startedSince {
        guard let started = history.enrolment?.started, started >= since else { continue }
      } else if history.enrolment == nil && !employee.isOnRoster {
        continue
      }
      page.append(CourseDigest(employee: employee, history: history, scope: scope))
    }
    return page
  }

  /// Item analysis built from every employee's ``History``.
  public func questionStatistics(_ scope: ReportScope) async throws(ProgressStoreError)
    -> [QuestionStatistics]
  {
    var stats = scope.questions.map { QuestionStatistics(itemID: $0.itemID) }
    var wrong: [[String: (shown: String, count: Int)]] = Array(repeating: [:], count: stats.count)
    var drills: [String: [Int]] = [:]
    for (i, question) in scope.questions.enumerated() {
      drills[question.moduleID + "\u{1F}" + question.sectionID, default: []].append(i)
    }
    for employee in try await allEmployees() {
      let history = try await history(of: employee.id, in: scope.courseID)
      if history.attempts.isEmpty { continue }
      var byItem: [String: [DrillAttempt]] = [:]
      for attempt in history.attempts { byItem[attempt.item.itemID, default: []].append(attempt) }
      var first: [Int: Double] = [:]
      for (i, question) in scope.questions.enumerated() {
        let counted = (byItem[question.itemID] ?? []).filter(question.counts)
        guard let head = counted.first else { continue }
        first[i] = head.score
        stats[i].learners += 1
        stats[i].answers += counted.count
        if head.score >= 1 - 1e-9 { stats[i].firstRight += 1 }
        for attempt in counted where !attempt.correct {
          let shown = AnswerCount.trimmed(attempt.response)
          let key = AnswerCount.key(attempt.response)
          let kept = wrong[i][key]
          wrong[i][key] = (min(kept?.shown ?? shown, shown), (kept?.count ?? 0) + 1)
        }
      }
      for members in drills.values where members.allSatisfy({ first[$0] != nil }) {
        let total = members.map { first[$0]! }.reduce(0, +)
        for i in members { stats[i].rest.add(x: first[i]!, y: total - first[i]!) }
      }
    }
    for i in stats.indices {
      stats[i].wrongAnswers = wrong[i].values.map { AnswerCount(response: $0.shown, count: $0.count) }
        .sorted { ($1.count, $0.response) < ($0.count, $1.response) }
        .prefix(QuestionStatistics.wrongAnswerLimit).map { $0 }
    }
    return stats
  }

  /// Belief figures built from every employee's ``History``.
  public func beliefStatistics(_ scope: ReportScope) async throws(ProgressStoreError) -> [BeliefStatistics] {
    var groups: [String: [String?: BeliefStatistics]] = [:]
    for employee in try await allEmployees() {
      let history = try await history(of: employee.id, in: scope.courseID)
      if history.beliefs.isEmpty { continue }
      for belief in scope.beliefs {
        let responses = history.beliefs.filter(belief.counts)
        guard let latest = responses.last else { continue }
        var stats =
          groups[belief.itemID]?[employee.cohort]
          ?? BeliefStatistics(itemID: belief.itemID, cohort: employee.cohort)
        stats.respondents += 1
        switch latest.answer {
        case .point(let point):
          stats.points.add(point)
          let points = responses.filter { if case .point = $0.answer { true } else { false } }
          if belief.repeated, let before = points.first,
            let after = points.last(where: {
              $0.item.moduleID != before.item.moduleID || $0.item.sectionID != before.item.sectionID
            }), case .point(let b) = before.answer, case .point(let a) = after.answer
          {
            stats.changes.add(before: b, after: a)
          }
        case .order(let options):
          for (n, option) in options.enumerated() { stats.positions.add(option, n + 1) }
        case .text(let text):
          if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            stats.written += 1
            if latest.shared { stats.shared.append(text) }
          }
        case .sealed:
          // Private and never blank (blank text is not sealed): written, never shown.
          stats.written += 1
        }
        groups[belief.itemID, default: [:]][employee.cohort] = stats
      }
    }
    var out: [BeliefStatistics] = []
    for belief in scope.beliefs {
      for (_, var stats) in (groups[belief.itemID] ?? [:]).sorted(by: {
        BeliefStatistics.cohortOrder($0.key, $1.key)
      }) {
        stats.normalise()
        out.append(stats)
      }
    }
    return out
  }
}

extension AnswerCount {
  /// An answer as it is shown: without surrounding spaces.
  public static func trimmed(_ response: String) -> String {
    var text = Substring(response)
    while text.first == " " { text = text.dropFirst() }
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }

  /// What answers are grouped by: the trimmed text with ASCII letters in lower case (as
  /// SQL's `lower(trim(...))` does).
  public static func key(_ response: String) -> String {
    String(
      String.UnicodeScalarView(
        trimmed(response).unicodeScalars.map {
          ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0
        }))
  }
}

extension BeliefStatistics {
  /// Cohorts in order: no cohort first, then by name.
  public static func cohortOrder(_ a: String?, _ b: String?) -> Bool {
    switch (a, b) {
    case (nil, nil): false
    case (nil, _): true
    case (_, nil): false
    case (let a?, let b?): a < b
    }
  }

  /// Sorts every list the way every store returns it.
  public mutating func normalise() {
    points.sort { $0.point < $1.point }
    changes.sort { ($0.before, $0.after) < ($1.before, $1.after) }
    positions.sort { ($0.option, $0.position) < ($1.option, $1.position) }
    shared.sort()
  }
}

extension [PointCount] {
  mutating func add(_ point: Int) {
    if let i = firstIndex(where: { $0.point == point }) {
      self[i].count += 1
    } else {
      append(PointCount(point: point, count: 1))
    }
  }
}

extension [PointChange] {
  mutating func add(before: Int, after: Int) {
    if let i = firstIndex(where: { $0.before == before && $0.after == after }) {
      self[i].count += 1
    } else {
      append(PointChange(before: before, after: after, count: 1))
    }
  }
}

extension [RankPosition] {
  mutating func add(_ option: String, _ position: Int) {
    if let i = firstIndex(where: { $0.option == option && $0.position == position }) {
      self[i].count += 1
    } else {
      append(RankPosition(option: option, position: position, count: 1))
    }
  }
}
