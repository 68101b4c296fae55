import CourseModel
import CourseParser
import Foundation
import GRDB
import LearnerModel
import ProgressStoreSQLite
import Reports

/// The reports benchmark's course and store: a generated course of 10 modules (a lesson
/// and a drill of 10 questions each, module 9 for managers only; beliefs before in module
/// 1 and after in module 10 with a creed), and 10,000 employees x 200 drill answers each
/// plus their beliefs, pages, passes and signatures. Built once, kept in
/// `$TMPDIR/coach-bench` (rebuilt if missing). Rows go in by plain SQL in one
/// transaction: this is the fixture, not what is measured. Seeded, so every build is
/// the same.
public enum ReportDatabase {
  public static let employees = 10_000
  public static let answersEach = 200
  public static let courseID = "bench-reports"
  public static let modules = 10
  public static let questionsEach = 10

  public static var folder: String { BenchFiles.folder.appendingPathComponent("report-courses").path }
  public static var path: String { path(employees: employees) }

  /// The store of `count` employees (v2: drill attempts have a context, the roster
  /// migration is v8).
  public static func path(employees count: Int) -> String {
    BenchFiles.folder.appendingPathComponent("reports-\(count)x\(answersEach)-v2.sqlite").path
  }

  /// Writes the course and returns it parsed.
  public static func course() throws -> Course {
    let dir = folder + "/" + courseID
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    var contents =
      "---\nid: \(courseID)\ntitle: Bench Reports\nroles: [frontline, manager]\n---\n\n# Bench Reports\n\n"
    for m in 1...modules {
      contents += "\(m). [Module \(m)](\(String(format: "%02d", m))-m\(m).md)\n"
      var text = m == 9 ? "---\naudience: [manager]\n---\n\n" : ""
      text += "# Module \(m)\n\nWhat module \(m) is about.\n\n"
      if m == 1 { text += beliefs("Before") }
      text +=
        "## Lesson: Reading \(m) {#lesson}\n\nSome reading for module \(m).\n\n## Drill: Check \(m) {#drill}\n\n"
      for q in 1...questionsEach {
        text += "### Question \(m).\(q): which is right? {#m\(m)q\(q)}\n\n"
        for c in 1...4 { text += "- [\(c == (q % 4) + 1 ? "x" : " ")] Choice \(c) of \(m).\(q)\n" }
        text += "\n"
      }
      if m == modules {
        text += beliefs("After", once: false)
        text += "## Creed: Our creed {#creed}\n\n1. We listen.\n2. We keep our word.\n3. We follow through.\n"
      }
      try text.write(
        toFile: dir + "/\(String(format: "%02d", m))-m\(m).md", atomically: true, encoding: .utf8)
    }
    try contents.write(toFile: dir + "/course.md", atomically: true, encoding: .utf8)
    let loaded = CourseLoader.load(paths: [dir])
    guard let course = loaded.courses.first, !loaded.diagnostics.contains(where: { $0.severity == .error })
    else {
      throw SetupError("the generated course has errors: \(loaded.diagnostics.map(\.description))")
    }
    return course
  }

  static func beliefs(_ title: String, once: Bool = true) -> String {
    var text = "## Beliefs: \(title) {#\(title.lowercased())}\n\n"
    for s in 1...5 { text += "### Agree: Statement \(s) matters to my job {#s\(s)}\n\n" }
    if once {
      text += "### Rate: How often do you follow up? {#often}\n\n"
      text += "### Rank: Rank what matters {#rank}\n\n- Speed\n- Warmth\n- Accuracy\n- Honesty\n\n"
      text += "### Reflect: A time you were served well {#story}\n\n"
    }
    return text
  }

  public struct SetupError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
  }

  /// A small seeded generator, so that the fixture is the same on every machine.
  struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Builds the store of `employees` employees (the first `employees` of the full one)
  /// if it is missing; returns its path.
  public static func prepare(_ course: Course, employees: Int = employees) throws -> String {
    let final = path(employees: employees)
    if FileManager.default.fileExists(atPath: final) { return final }
    let building = BenchFiles.fresh("reports-building.sqlite")
    print("building \(final) (\(employees) employees x \(answersEach) answers, once)...")
    _ = try SQLiteProgressStore(path: building, durability: .normal)
    let queue = try DatabaseQueue(path: building)
    var random = Seeded(state: 2026)
    let start = Date(timeIntervalSince1970: 1_767_225_600)
    func time(_ seconds: Double) -> String { StoredDateText.text(start.addingTimeInterval(seconds)) }
    let drills: [(module: Module, questions: [Question])] = course.modules.compactMap { module in
      for section in module.sections { if case .drill(_, let q) = section.content { return (module, q) } }
      return nil
    }
    let creed = course.modules.last!.sections.compactMap { s -> Creed? in
      if case .creed(let c) = s.content { return c } else { return nil }
    }[0]
    let beliefItems = course.modules.flatMap { module in
      module.sections.flatMap { section -> [(Module, Section, BeliefItem)] in
        if case .beliefs(_, let items) = section.content { return items.map { (module, section, $0) } }
        return []
      }
    }
    try queue.write { db in
      let employee = try db.makeStatement(
        sql:
          "INSERT INTO employee (id, name, role, cohort, created, rosterImported) VALUES (?, ?, ?, ?, ?, ?)")
      let enrolment = try db.makeStatement(
        sql: """
          INSERT INTO enrolment (employeeId, courseId, started, completed, passed, courseVersion)
          VALUES (?, ?, ?, ?, ?, ?)
          """)
      let attempt = try db.makeStatement(
        sql: """
          INSERT INTO drillAttempt (employeeId, courseId, moduleId, sectionId, itemId, itemHash, keyHash, response,
            score, correct, attempt, sessionId, at) VALUES (?, ?, ?, 'drill', ?, ?, ?, ?, ?, ?, ?, 's', ?)
          """)
      let pass = try db.makeStatement(
        sql: """
          INSERT INTO drillPass (employeeId, courseId, moduleId, sectionId, drillHash, passMark, score, sessionId, at)
          VALUES (?, ?, ?, 'drill', ?, 80, ?, 's', ?)
          """)
      let belief = try db.makeStatement(
        sql: """
          INSERT INTO beliefResponse (employeeId, courseId, moduleId, sectionId, itemId, kind, itemHash, scaleHash,
            point, text, ranking, shared, sessionId, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 's', ?)
          """)
      let page = try db.makeStatement(
        sql: """
          INSERT INTO pageRead (employeeId, courseId, moduleId, sectionId, page, sessionId, at)
          VALUES (?, ?, ?, ?, ?, 's', ?)
          """)
      let signature = try db.makeStatement(
        sql: """
          INSERT INTO creedSignature (employeeId, courseId, moduleId, sectionId, creedHash, name, sessionId, at)
          VALUES (?, ?, ?, 'creed', ?, ?, 's', ?)
          """)
      let bookmark = try db.makeStatement(
        sql:
          "INSERT INTO bookmark (employeeId, courseId, moduleId, sectionId, position, updated) VALUES (?, ?, ?, ?, ?, ?)"
      )
      for e in 0..<employees {
        let id = String(format: "E%05d", e)
        let manager = e % 5 == 0
        let name = "Employee \(e)"
        try employee.execute(arguments: [
          id, name, manager ? "manager" : "frontline", "cohort-\(e % 20)", time(0),
          e % 2 == 0 ? time(0) : nil,
        ])
        let ours = drills.filter { $0.module.isFor(role: manager ? "manager" : "frontline") }
        let questions = ours.flatMap { drill in drill.questions.map { (drill.module, $0) } }
        let ability = Double.random(in: 0.45...0.97, using: &random)
        var clock = Double(e)
        var tries: [String: Int] = [:]
        var best: [String: Double] = [:]
        for n in 0..<answersEach {
          let (module, question) = questions[n % questions.count]
          let count = (tries[question.id] ?? 0) + 1
          tries[question.id] = count
          guard case .choice(let choices) = question.body else { continue }
          let right = Double.random(in: 0..<1, using: &random) < ability + 0.1 * Double(count - 1)
          let wrong = choices.indices.filter { !choices[$0].isCorrect }
          let chosen =
            right
            ? choices.firstIndex(where: \.isCorrect)! : wrong[Int.random(in: 0..<wrong.count, using: &random)]
          // One employee in ten answered m1q1 once before its answer key changed.
          let old = question.id == "m1q1" && count == 1 && e % 10 == 0
          clock += 30
          try attempt.execute(arguments: [
            id, courseID, module.id, question.id, question.contentHash,
            old ? "old-key" : question.answerKeyHash,
            choices[chosen].text, right ? 1.0 : 0.0, right, count, time(clock),
          ])
          if !old { best[question.id] = max(best[question.id] ?? 0, right ? 1 : 0) }
        }
        var passedAll = true
        for drill in ours {
          let mean = drill.questions.map { best[$0.id] ?? 0 }.reduce(0, +) / Double(drill.questions.count)
          if mean >= 0.8 {
            try pass.execute(arguments: [
              id, courseID, drill.module.id, ContentHash.drill(drill.questions), mean, time(clock),
            ])
          } else {
            passedAll = false
          }
          try page.execute(arguments: [id, courseID, drill.module.id, "", "overview", time(clock)])
          try page.execute(arguments: [id, courseID, drill.module.id, "lesson", "lesson", time(clock)])
        }
        let completed = e % 3 != 0
        for (module, section, item) in beliefItems where completed || section.id == "before" {
          clock += 10
          var point: Int?
          var text: String?
          var ranking: String?
          switch item.body {
          case .agree, .rate:
            let base = Int.random(in: 1...4, using: &random)
            point = section.id == "after" ? min(5, base + Int.random(in: 0...1, using: &random)) : base
          case .rank(let options):
            ranking = "[" + options.shuffled(using: &random).map { "\"\($0)\"" }.joined(separator: ",") + "]"
          case .reflect:
            text = "A time I was served well, number \(e % 50)."
          }
          let kind = item.kind.rawValue
          try belief.execute(arguments: [
            id, courseID, module.id, section.id, item.id, kind, item.contentHash, item.scaleHash, point, text,
            ranking,
            item.kind == .reflect && e % 5 == 0, time(clock),
          ])
        }
        if completed {
          for statement in creed.statements {
            try belief.execute(arguments: [
              id, courseID, course.modules.last!.id, "creed", statement.id, "statement",
              ContentHash.of(statement.text), nil, nil, "A note.", nil, false, time(clock),
            ])
          }
          try signature.execute(arguments: [
            id, courseID, course.modules.last!.id, creed.contentHash, name, time(clock),
          ])
        }
        try enrolment.execute(arguments: [
          id, courseID, time(Double(e)), completed ? time(clock) : nil, completed && passedAll,
          course.contentHash,
        ])
        try bookmark.execute(arguments: [
          id, courseID, course.modules.last!.id, nil, completed ? "end" : "overview", time(clock),
        ])
      }
    }
    try queue.close()
    try FileManager.default.moveItem(atPath: building, toPath: final)
    return final
  }
}

/// Times as the store writes them (UTC `YYYY-MM-DD HH:MM:SS.SSS`).
enum StoredDateText {
  nonisolated(unsafe) static let formatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
    return formatter
  }()

  static func text(_ date: Date) -> String { formatter.string(from: date) }
}
