import Foundation
import Review
import Testing

/// `coach review` driven by a scripted learner in pipe mode across simulated weeks (a
/// hidden `--now` moves the clock), checked against the attempts as the `sqlite3` command
/// reads them from the store and replayed independently; `--history` JSON; the estimated
/// recall of `coach progress`; the course home and a review on a real terminal.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ReviewCommandTests {
  let courses = CoachBinary.fixtures
  static let day: TimeInterval = 86_400
  /// The learner takes the course on Monday 2 March 2026 at 09:00 UTC.
  static let start = Date(timeIntervalSince1970: 1_772_442_000)
  /// The greeting module's questions, in course order.
  static let items = ["first", "warm", "word", "steps", "moments"]

  /// ISO 8601 to the nearest millisecond, written out here (not by coach's formatter).
  static func iso(_ date: Date) -> String {
    let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
    let seconds = Date(
      timeIntervalSince1970: Double(milliseconds.quotientAndRemainder(dividingBy: 1000).quotient))
    let format = DateFormatter()
    format.locale = Locale(identifier: "en_US_POSIX")
    format.timeZone = TimeZone(identifier: "UTC")
    format.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    return format.string(from: seconds) + String(format: ".%03dZ", Int(milliseconds % 1000))
  }

  static func date(_ iso: String) -> Date? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.date(from: iso)
  }

  /// One row of the attempts table, as the `sqlite3` command reads it.
  struct Answer: Equatable {
    var item: String
    var at: Date
    /// The time as the store keeps it: `YYYY-MM-DD HH:MM:SS.SSS`, UTC.
    var stored: String
    var correct: Bool
    var context: String
  }

  static func answers(_ store: String) throws -> [Answer] {
    let text = try CheckStoreTests.queryNow(
      store, "SELECT itemId, at, correct, context FROM drillAttempt WHERE employeeId = 'e1' ORDER BY id")
    let parse = DateFormatter()
    parse.locale = Locale(identifier: "en_US_POSIX")
    parse.timeZone = TimeZone(identifier: "UTC")
    parse.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
    return try text.split(separator: "\n").map { line in
      let fields = line.split(separator: "|").map(String.init)
      try #require(fields.count == 4, "\(line)")
      let at = try #require(parse.date(from: fields[1]), "\(fields[1])")
      return Answer(item: fields[0], at: at, stored: fields[1], correct: fields[2] == "1", context: fields[3])
    }
  }

  /// Each question's states after each of its answers, replayed by the Review target from
  /// the rows alone.
  static func replay(_ answers: [Answer]) -> [String: [MemoryState]] {
    Dictionary(grouping: answers, by: \.item).mapValues { rows in
      FSRS.default.replay(rows.map { (at: $0.at, rating: $0.correct ? .good : .again) })
    }
  }

  /// The questions due at `date`, most overdue first (equal dates in course order).
  static func due(_ answers: [Answer], at date: Date) -> [String] {
    let states = replay(answers)
    return items.enumerated().compactMap { n, item -> (Date, Int, String)? in
      guard let due = states[item]?.last?.due, due <= date else { return nil }
      return (due, n, item)
    }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
  }

  func learn(_ store: String, at date: Date, misses: [String: Int] = [:]) async throws {
    let learner = try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", "e1", "--name", "Sam Lee", "--role",
        "frontline", "--seed", "3", "--now", Self.iso(date),
      ], outline: try await Outline.loading(courses), misses: misses)
    #expect(try await learner.finishing().status == 0)
  }

  /// A review in pipe mode at `date`: the exit status and the questions asked, in order.
  func review(_ store: String, at date: Date, misses: [String: Int] = [:], extra: [String] = []) async throws
    -> (status: Int32, asked: [String], transcript: [String])
  {
    let outline = try await Outline.loading(courses)
    let learner = try PipeLearner(
      ["review", "--courses", courses, "--store", store, "--now", Self.iso(date)] + extra, outline: outline,
      misses: misses)
    let run = try await learner.finishing()
    let lines = learner.transcript
    var asked: [String] = []
    for (n, line) in lines.enumerated() where line.contains("· review ") && n + 1 < lines.count {
      let item = outline.drillItems.filter { lines[n + 1].hasPrefix($0.prompt) }.max {
        $0.prompt.count < $1.prompt.count
      }
      asked.append(item?.id ?? "?")
    }
    return (run.status, asked, lines)
  }

  @Test(
    .enabled(
      if: CheckStoreTests.sqlite3 != nil, "the sqlite3 command is not installed (apt-get install sqlite3)"))
  func aLearnersQuestionsComeBackAcrossWeeksWhenTheyAreDue() async throws {
    let store = CoachBinary.temporaryStore()
    try await learn(store, at: Self.start, misses: ["first": 1])
    let learned = try Self.answers(store)
    #expect(learned.count == 5 && learned.allSatisfy { $0.context == "drill" }, "\(learned)")
    #expect(learned.map(\.correct) == [false, true, true, true, true], "80%: passed without a retry")
    // Each review runs an hour later in the day than the one before, so no due date falls
    // in the seconds a run takes: a question is due or it is not.
    let runs: [(day: Double, misses: [String: Int])] = [
      (1, [:]), (2, ["word": 1]), (3, [:]), (5, [:]), (8, ["steps": 1]), (13, [:]), (21, [:]), (34, [:]),
      (55, ["first": 1]), (89, [:]),
    ]
    var asked: [[String]] = []
    for (n, run) in runs.enumerated() {
      let now = Self.start + run.day * Self.day + Double(n + 1) * 3600
      let before = try Self.answers(store)
      let expected = Self.due(before, at: now)
      let result = try await review(store, at: now, misses: run.misses)
      #expect(result.status == 0, "day \(run.day)")
      #expect(result.asked == expected, "day \(run.day): asked \(result.asked), due \(expected)")
      let added = try Self.answers(store).dropFirst(before.count)
      #expect(added.map(\.item) == expected, "day \(run.day): one answer per question asked")
      #expect(added.allSatisfy { $0.context == "review" && $0.at >= now && $0.at < now + 120 })
      #expect(
        added.map(\.correct) == expected.map { run.misses[$0] == nil },
        "day \(run.day): right except the misses")
      if expected.isEmpty {
        #expect(result.transcript.contains("Nothing is due for review now."))
      } else {
        #expect(result.transcript.contains { $0.hasPrefix("Review finished: ") })
      }
      asked.append(result.asked)
    }
    // The schedule spaced the questions out: some days asked a few, some none, some all.
    #expect(asked.contains { !$0.isEmpty && $0.count < Self.items.count })
    #expect(asked.contains { $0.isEmpty })
    #expect(asked.contains { Set($0) == Set(Self.items) })
    // A right answer waits longer each time: after two right answers in a row the
    // interval grows.
    for (item, states) in Self.replay(try Self.answers(store)) {
      let rows = try Self.answers(store).filter { $0.item == item }
      for n in states.indices.dropFirst() where rows[n].correct && rows[n - 1].correct {
        #expect(states[n].intervalDays > states[n - 1].intervalDays, "\(item) #\(n + 1)")
      }
    }

    try await checkHistory(store, at: Self.start + 100 * Self.day)
    try await checkProgress(store, at: Self.start + 100 * Self.day)
  }

  /// `--history ITEM --format json` for every question: the answers as stored, and the
  /// state after each as an independent replay finds it; the interval as the reference
  /// computes it (at retention 0.9 the interval is the stability rounded half to even).
  func checkHistory(_ store: String, at date: Date) async throws {
    let answers = try Self.answers(store)
    let states = Self.replay(answers)
    for item in Self.items {
      let result = try await CoachBinary.running([
        "review", "--courses", courses, "--store", store, "--history", item, "--format", "json", "--now",
        Self.iso(date),
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      #expect(
        Set(json.keys)
          == [
            "employee", "course", "module", "section", "item", "prompt", "onReviewList", "retention",
            "attempts", "state",
          ])
      #expect(json["employee"] as? String == "e1" && json["course"] as? String == "tiny")
      #expect(json["module"] as? String == "greeting" && json["section"] as? String == "greeting-check")
      #expect(json["item"] as? String == item && json["onReviewList"] as? Bool == true)
      #expect(json["retention"] as? Double == 0.9)
      let entries = try #require(json["attempts"] as? [[String: Any]])
      let rows = answers.filter { $0.item == item }
      let expected = try #require(states[item])
      try #require(entries.count == rows.count && rows.count == expected.count, "\(item)")
      for (n, (entry, (row, state))) in zip(entries, zip(rows, expected)).enumerated() {
        let place = "\(item) #\(n + 1)"
        #expect(
          Set(entry.keys)
            == [
              "at", "context", "version", "score", "rating", "counts", "recallBefore", "stability",
              "difficulty",
              "due", "intervalDays",
            ], "\(place)")
        #expect(
          entry["at"] as? String == row.stored.replacingOccurrences(of: " ", with: "T") + "Z", "\(place)")
        #expect(entry["context"] as? String == row.context, "\(place)")
        #expect(entry["rating"] as? String == (row.correct ? "good" : "again"), "\(place)")
        #expect(entry["counts"] as? Bool == true && entry["version"] as? String == "current", "\(place)")
        let stability = try #require(entry["stability"] as? Double)
        let difficulty = try #require(entry["difficulty"] as? Double)
        #expect(abs(stability - state.stability) <= 1e-9 * state.stability, "\(place)")
        #expect(abs(difficulty - state.difficulty) <= 1e-9 * state.difficulty, "\(place)")
        let days = try #require(entry["intervalDays"] as? Int)
        let due = try #require(Self.date(entry["due"] as? String ?? ""), "\(place)")
        #expect(days == state.intervalDays, "\(place)")
        #expect(abs(due.timeIntervalSince(state.due)) < 0.001, "\(place)")
        // The reference's rule, written out: the due date is the answer plus whole days,
        // and the days are the stability rounded half to even, from 1 to 36,500.
        #expect(abs(due.timeIntervalSince(row.at) - Double(days) * Self.day) < 0.001, "\(place)")
        #expect(days == min(max(Int(stability.rounded(.toNearestOrEven)), 1), 36_500), "\(place)")
        if n == 0 {
          #expect(entry["recallBefore"] is NSNull)
          // The first answer starts the question: FSRS-6's first stabilities, w0 and w2.
          #expect(stability == (row.correct ? 2.3065 : 0.212), "\(place)")
        }
      }
      let now = try #require(json["state"] as? [String: Any])
      #expect(Set(now.keys) == ["at", "stability", "difficulty", "due", "isDue", "recall", "reps", "lapses"])
      #expect(now["reps"] as? Int == rows.count)
      #expect(now["isDue"] as? Bool == ((expected.last?.due ?? .distantFuture) <= date))
    }
  }

  /// The estimated recall "today", as the reference defines retrievability: whole days
  /// since the last answer, `(1 + F t / S)^-w20` with `F = 0.9^(-1 / w20) - 1`.
  static func recall(_ state: MemoryState, at date: Date) -> Double {
    let decay = -0.1542
    let factor = pow(0.9, 1 / decay) - 1
    let days = (date.timeIntervalSince(state.lastReview) / day).rounded(.down)
    return pow(1 + factor * days / state.stability, decay)
  }

  /// `coach progress` at `date`: the greeting module's recall is its questions' mean
  /// retrievability; modules without answers have none.
  func checkProgress(_ store: String, at date: Date) async throws {
    let states = Self.replay(try Self.answers(store))
    let expected = Self.items.map { Self.recall(states[$0]!.last!, at: date) }.reduce(0, +) / 5
    let result = try await CoachBinary.running([
      "progress", "--courses", courses, "--store", store, "--format", "json", "--now", Self.iso(date),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let course = try #require((json["courses"] as? [[String: Any]])?.first)
    let modules = try #require(course["modules"] as? [[String: Any]])
    let recall = try #require(modules[0]["recall"] as? Double)
    #expect(abs(recall - expected) < 0.00006, "rounded to four places: \(recall) against \(expected)")
    #expect(recall < 1 && recall > 0.5)
    #expect(modules[1]["recall"] is NSNull && modules[2]["recall"] is NSNull)
    let due = Self.due(try Self.answers(store), at: date)
    #expect(modules[0]["dueForReview"] as? Int == due.count)
    let review = try #require(course["review"] as? [String: Any])
    #expect(review["due"] as? Int == due.count && review["listed"] as? Int == 5)
    #expect(review["retention"] as? Double == 0.9)
    let waiting = Self.items.compactMap { states[$0]?.last?.due }.filter { $0 > date }.min()
    #expect((review["nextDue"] as? String) == waiting.map(Self.iso))
    let table = try await CoachBinary.running([
      "progress", "--courses", courses, "--store", store, "--now", Self.iso(date),
    ])
    let lines = table.stdout.components(separatedBy: "\n")
    #expect(lines.contains { $0.contains("Recall") && $0.contains("Drill first/best") })
    let percent = "\(Int((recall * 100).rounded()))%"
    #expect(lines.contains { $0.contains("Greeting") && $0.contains(" \(percent) ") }, "\(table.stdout)")
    #expect(lines.contains { $0.hasPrefix("  Review: ") })
  }

  @Test func aLimitAsksTheMostOverdueFirstAndTheRetentionIsASetting() async throws {
    let store = CoachBinary.temporaryStore()
    try await learn(store, at: Self.start, misses: ["steps": 1])
    let late = Self.start + 40 * Self.day
    let due = Self.due(try Self.answers(store), at: late)
    #expect(due.count == 5 && due.first == "steps", "the missed question is the most overdue")
    // A higher retention brings questions back sooner: a day later, at the default only
    // the missed question is due; at 0.99 every question; at 0.7 none.
    let soon = Self.start + Self.day + 3600
    #expect(Self.due(try Self.answers(store), at: soon) == ["steps"])
    let lax = try await CoachBinary.running([
      "progress", "--courses", courses, "--store", store, "--format", "json", "--now", Self.iso(soon),
      "--retention", "0.7",
    ])
    let strict = try await CoachBinary.running(
      ["progress", "--courses", courses, "--store", store, "--format", "json", "--now", Self.iso(soon)],
      environment: ["COACH_RETENTION": "0.99"])
    func dueCount(_ result: CoachBinary.Result) throws -> Int? {
      let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
      return ((json?["courses"] as? [[String: Any]])?.first?["review"] as? [String: Any])?["due"] as? Int
    }
    #expect(try dueCount(strict) == 5, "\(strict.stderr)")
    #expect(try dueCount(lax) == 0, "\(lax.stderr)")
    let limited = try await review(store, at: late, extra: ["--limit", "2"])
    #expect(limited.status == 0)
    #expect(limited.asked == Array(due.prefix(2)))
    #expect(limited.transcript.contains("3 questions are still due: run coach review again to answer them."))
    // Out of range, a clear error.
    for (arguments, environment, message) in [
      (
        ["--retention", "1.5"], [:],
        "--retention 1.5: review settings: desired retention 1.5 is out of range; use a value from 0.7 to 0.99"
      ),
      (["--retention", "high"], [:], "--retention \"high\" is not a number"),
      (
        [], ["COACH_RETENTION": "0.5"],
        "$COACH_RETENTION 0.5: review settings: desired retention 0.5 is out of range"
      ),
      (["--now", "next week"], [:], "--now \"next week\" is not a time"),
      (["--limit", "0"], [:], "--limit 0: give at least 1 question"),
    ] {
      let result = try await CoachBinary.running(
        ["review", "--courses", courses, "--store", store] + arguments, environment: environment)
      #expect(result.status == 64, "\(arguments)")
      #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
    }
    let unknown = try await CoachBinary.running([
      "review", "--courses", courses, "--store", store, "--history", "greet-job",
    ])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("no drill question with id 'greet-job' in the course tiny"))
  }
}

/// The reference implementation itself, py-fsrs 6.3.2, replays the answers a pipe-mode
/// review recorded: the third-party check of the due dates. Skipped unless a Python with
/// `fsrs==6.3.2` is found (`$COACH_FSRS_PYTHON`, else /tmp/fsrs-venv/bin/python, as
/// Tests/ReviewTests/Vectors/make_vectors.py sets it up).
@Suite(.serialized, .timeLimit(.minutes(3))) struct ReviewReferenceTests {
  static let python: String? = {
    let candidates = [ProcessInfo.processInfo.environment["COACH_FSRS_PYTHON"], "/tmp/fsrs-venv/bin/python"]
    return candidates.compactMap { $0 }.first { path in
      guard FileManager.default.isExecutableFile(atPath: path) else { return false }
      let result = try? Spawn.run(
        path, ["-c", "import importlib.metadata as m; print(m.version('fsrs'))"],
        environment: ProcessInfo.processInfo.environment, captureOutput: true)
      return result?.output.trimmingCharacters(in: .whitespacesAndNewlines) == "6.3.2"
    }
  }()

  /// The replay script beside the reference vectors.
  static let script = CoachBinary.root.appendingPathComponent("Tests/ReviewTests/Vectors/replay.py")

  @Test(
    .enabled(
      if: python != nil,
      "no Python with fsrs 6.3.2 (python3 -m venv /tmp/fsrs-venv && /tmp/fsrs-venv/bin/pip install fsrs==6.3.2)"
    ),
    .enabled(if: CheckStoreTests.sqlite3 != nil, "the sqlite3 command is not installed"))
  func pyFSRSAgreesWithTheDueDatesAReviewShows() async throws {
    let tests = ReviewCommandTests()
    let store = CoachBinary.temporaryStore()
    try await tests.learn(store, at: ReviewCommandTests.start, misses: ["warm": 1, "moments": 2])
    for (n, day) in [1.0, 3, 4, 9, 16, 30].enumerated() {
      let now = ReviewCommandTests.start + day * ReviewCommandTests.day + Double(n + 1) * 3600
      let result = try await tests.review(store, at: now, misses: n == 2 ? ["word": 1] : [:])
      #expect(result.status == 0)
    }
    let answers = try ReviewCommandTests.answers(store)
    #expect(answers.contains { $0.context == "review" })
    let input = Dictionary(grouping: answers, by: \.item).mapValues { rows in
      rows.map { [Int64(($0.at.timeIntervalSince1970 * 1_000_000).rounded()), $0.correct ? 1 : 0] }
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.python))
    process.arguments = [Self.script.path]
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    let reference = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [[Double]]])
    for item in ReviewCommandTests.items {
      let result = try await CoachBinary.running([
        "review", "--courses", tests.courses, "--store", store, "--history", item, "--format", "json",
      ])
      let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
      let entries = try #require(json?["attempts"] as? [[String: Any]])
      let expected = try #require(reference[item])
      try #require(entries.count == expected.count, "\(item)")
      for (entry, state) in zip(entries, expected) {
        let stability = try #require(entry["stability"] as? Double)
        let difficulty = try #require(entry["difficulty"] as? Double)
        #expect(abs(stability - state[0]) <= 1e-4 * state[0], "\(item)")
        #expect(abs(difficulty - state[1]) <= 1e-4 * state[1], "\(item)")
        let due = try #require(ReviewCommandTests.date(entry["due"] as? String ?? ""))
        #expect(abs(due.timeIntervalSince1970 * 1_000_000 - state[2]) < 1_000, "\(item): the same due date")
      }
    }
  }
}

/// The course home and a review on a real terminal (tmux): what is due, the question
/// screen of the drill numbered within the review, the feedback, and q to leave.
@Suite(
  .serialized, .timeLimit(.minutes(2)),
  .enabled(if: installedTmux != nil, "tmux is not installed (apt-get install tmux)"),
  .enabled(if: CheckStoreTests.sqlite3 != nil, "the sqlite3 command is not installed"))
struct ReviewTerminalTests {
  @Test func theCourseHomeSaysWhatIsDueAndAReviewRunsOnTheTerminal() async throws {
    let tests = ReviewCommandTests()
    let store = CoachBinary.temporaryStore()
    try await tests.learn(store, at: ReviewCommandTests.start, misses: ["word": 1])
    let coach = "'\(CoachBinary.url.path)'"
    let folder = "--courses '\(tests.courses)' --store '\(store)'"
    // The day after: only the missed question is due.
    let tomorrow = ReviewCommandTests.start + ReviewCommandTests.day + 3600
    let due = ReviewCommandTests.due(try ReviewCommandTests.answers(store), at: tomorrow)
    #expect(due == ["word"])
    let waiting = try ReviewCommandTests.answers(store).filter { $0.item != "word" }.map(\.at).min()
    let next = String(ReviewCommandTests.iso(waiting! + 2 * ReviewCommandTests.day).prefix(10))
    let home = try TmuxTests.Pane(
      command: "\(coach) learn \(folder) --employee e1 --now \(ReviewCommandTests.iso(tomorrow)); sleep 60")
    try home.wait(for: "? passphrase")
    home.type(CoachBinary.passphrase)
    home.keys("Enter")
    let screen = try home.wait(for: "Here is your course")
    #expect(
      screen.contains { $0.contains("1 question due for review (coach review); next due \(next).") },
      "\(screen.joined(separator: "\n"))")
    home.type("q")
    home.keys("Enter")

    let pane = try TmuxTests.Pane(
      command:
        "\(coach) review \(folder) --now \(ReviewCommandTests.iso(tomorrow)); echo EXIT=$?; sleep 60")
    // A review records answers: the passphrase first, as for learn.
    try pane.wait(for: "? passphrase")
    pane.type(CoachBinary.passphrase)
    pane.keys("Enter")
    try pane.wait(for: "1 question is due for review")
    pane.keys("Enter")
    let question = try pane.wait(for: "review 1 of 1")
    #expect(question.contains { $0.contains("What word do we say first?") })
    #expect(question.contains { $0.contains("? answer: type it") })
    // The footer offers the review's way around: /h ends it; a review has no outline.
    #expect(question.contains { $0.contains("/h: end review") }, "\(question.joined(separator: "\n"))")
    #expect(!question.contains { $0.contains("outline") })
    pane.type("hello")
    pane.keys("Enter")
    let feedback = try pane.wait(for: "comes back for review in")
    #expect(feedback.contains { $0.contains("Right.") })
    #expect(
      feedback.contains { $0.contains("h: end review") } && !feedback.contains { $0.contains("m: outline") })
    pane.type("m")
    try pane.wait(for: "A review has no module outline")
    pane.keys("Enter")
    let done = try pane.wait(for: "Review finished: 1 of 1 right.")
    #expect(done.contains { $0.contains("Next review: \(next) (4 questions).") })
    pane.keys("Enter")
    try pane.wait(for: "EXIT=0")
    let answers = try ReviewCommandTests.answers(store)
    #expect(answers.count == 6 && answers.last?.item == "word" && answers.last?.context == "review")
  }
}
