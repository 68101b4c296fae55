import Foundation
import Testing

/// A new hire's course in pipe mode, on the screens issue 12 asked for: what is read is
/// read and nothing else, the right answer after a miss, retries in a new order, the way
/// around from any prompt, the closing check before and after, the creed signed or not,
/// and the small things (one estimate, "1 minute", no "?.", marks no course can imitate).
@Suite(.serialized, .timeLimit(.minutes(3))) struct LearnerJourneyTests {
  let courses = CoachBinary.fixture("journeys")

  func learner(_ store: String, misses: [String: Int] = [:], employee: String = "j1") throws -> PipeLearner {
    try PipeLearner(
      [
        "learn", "--courses", courses, "--store", store, "--employee", employee, "--name", "Sam Lee",
        "--role",
        "frontline", "--seed", "3",
      ], outline: try Outline.load(courses), misses: misses)
  }

  func progress(_ store: String, _ employee: String = "j1") throws -> [[String: Any]] {
    let result = try CoachBinary.run(
      ["progress", "--employee", employee, "--store", store, "--courses", courses, "--format", "json"])
    let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    return ((json["courses"] as? [[String: Any]])?.first?["modules"] as? [[String: Any]]) ?? []
  }

  /// The option lines shown with a question: from its prompt to its `? ` line.
  static func options(after prompt: String, in lines: [String], occurrence: Int) -> [String] {
    let starts = lines.indices.filter { lines[$0].hasPrefix(prompt) }
    guard occurrence < starts.count else { return [] }
    return Array(lines[(starts[occurrence] + 1)...].prefix { !$0.hasPrefix("? ") })
  }

  @Test func aMissShowsWhatWasRightAndTheRetryComesInANewOrder() throws {
    let store = CoachBinary.temporaryStore()
    let run = try learner(store, misses: ["first": 1, "promises-q": 1, "order": 1, "pairs": 1, "word": 1])
    #expect(run.runToEnd().status == 0)
    let out = run.transcript
    let text = out.joined(separator: "\n")
    // Every choice again, the one chosen and the right one marked, with what the
    // trainer wrote; "Right." never twice.
    #expect(text.contains("2. Listen — the right answer") || text.contains(". Listen — the right answer"))
    #expect(text.contains("— your choice, not right"))
    #expect(
      text.contains("They came to you.") || text.contains("Talking first means you have not heard them yet."))
    #expect(text.contains("— right, you did not choose it"))
    #expect(
      text.contains(
        "The right order:\n1. Listen — you had it 3rd\n2. Answer — you had it right\n3. Thank — you had it 1st"
      ))
    #expect(text.contains("The right pairs:\n1. Arrive → Greet — you had \"Listen\""))
    #expect(text.contains("The answer: hello (also accepted: hi)"))
    // A question of several parts says how many were right, not only a percentage.
    #expect(text.contains("Not right (0 of 2 right choices picked, 1 wrong one too)."))
    #expect(text.contains("Partly right: 33% (1 of 3 in the right place)."))
    #expect(text.contains("Not right (0 of 3 pairs right)."))
    #expect(!text.contains("Right.\n\nRight."), "the choice's own 'Right.' is not said twice")
    #expect(text.contains("Listening first shows respect."))
    // The missed question comes back after the rest of the drill, in a new order.
    let first = Self.options(after: "Which comes first?", in: out, occurrence: 0)
    let again = Self.options(after: "Which comes first?", in: out, occurrence: 2)  // 1: its feedback
    #expect(first.count == 3 && again.count == 3)
    #expect(first != again, "\(first) then \(again)")
    let firstAsked = out.firstIndex { $0.hasPrefix("Which comes first?") }!
    let wordAsked = out.firstIndex { $0.hasPrefix("What word do we say first?") }!
    let retried = out.lastIndex { $0.hasPrefix("== ") && $0.contains("question 1 of 5, another try") }!
    #expect(firstAsked < wordAsked && wordAsked < retried)
    #expect(try progress(store).first?["status"] as? String == "passed")
  }

  @Test func jumpingAheadMarksNothingSkippedAsRead() throws {
    let store = CoachBinary.temporaryStore()
    let run = try learner(store)
    // At the first question: the course home, the third module's outline, into it.
    #expect(run.nextPrompt() == "? agree 1-5")
    run.send("/h")
    #expect(run.nextPrompt() == "? Press Enter to continue, or type a module number (1-3)")
    run.send("3")
    #expect(run.nextPrompt() == "? Enter to continue, or type a part's number (1-3)")
    #expect(run.screen.contains("1. Overview · not read"))
    run.send("")
    #expect(run.nextPrompt() == "? agree 1-5")
    #expect(run.screen.contains { $0.contains("Module 3 of 3: End") })
    run.closeInput()
    run.process.waitUntilExit()
    let modules = try progress(store)
    #expect(modules.map { $0["status"] as? String } == ["in-progress", "not-started", "in-progress"])
    // The next run goes on in the third module; the second is still untouched.
    let next = try learner(store)
    #expect(next.nextPrompt() == "? agree 1-5")
    #expect(next.screen.contains { $0.contains("Module 3 of 3: End > Beliefs: After") })
    next.closeInput()
    next.process.waitUntilExit()
    #expect(try progress(store)[1]["status"] as? String == "not-started")
  }

  @Test func theWayAroundWorksFromAnyPromptAndComesBack() throws {
    let store = CoachBinary.temporaryStore()
    let run = try learner(store)
    #expect(run.nextPrompt() == "? agree 1-5")
    run.send("4")
    #expect(run.nextPrompt() == "? agree 1-5")
    let question = run.screen.last { !$0.isEmpty && !$0.first!.isNumber }
    run.send("/m")
    #expect(run.nextPrompt()?.hasPrefix("? Enter to continue") == true)
    #expect(run.screen.contains("2. Beliefs: Before · 1 of 2 answered"))
    run.send("a")
    #expect(run.nextPrompt()?.hasPrefix("? Enter to continue") == true)
    #expect(run.screen.contains("Your answers: Module 1 of 3: Start"))
    #expect(run.screen.contains("    4. Agree"))
    run.send("")
    #expect(run.nextPrompt() == "? agree 1-5")
    #expect(run.screen.contains { $0 == question })
    run.send("/a")
    #expect(run.nextPrompt()?.hasPrefix("? Enter to continue") == true)
    run.send("h")
    #expect(run.nextPrompt()?.hasPrefix("? Press Enter to continue") == true)
    run.send("")
    #expect(run.nextPrompt() == "? agree 1-5")
    run.closeInput()
    run.process.waitUntilExit()
    #expect(run.process.terminationStatus == 0)
  }

  @Test func theClosingCheckShowsBeforeAndAfterAndTheCreedMayWaitUnsigned() throws {
    let store = CoachBinary.temporaryStore()
    let run = try learner(store)
    var inEnd = false
    var comparison: [String] = []
    var signScreen: [String] = []
    var prompts = 0
    while prompts < 200, let prompt = run.nextPrompt() {
      prompts += 1
      if run.screen.contains(where: { $0.hasPrefix("== ") && $0.contains("Module 3 of 3: End") }) {
        inEnd = true
      }
      if prompt == "? agree 1-5" && inEnd {
        run.send("2")
        continue
      }
      if prompt.hasPrefix("? reflection") && inEnd { comparison = run.screen }
      if prompt.hasPrefix("? sign") {
        signScreen = run.screen
        run.send("")
        continue
      }
      for line in run.answer(prompt) { run.send(line) }
    }
    run.closeInput()
    run.process.waitUntilExit()
    #expect(run.process.terminationStatus == 0)
    let shown = comparison.joined(separator: "\n")
    #expect(
      shown.contains(
        "Where you started, and where you are now:\n- Listening comes first\n    module 1: 4. Agree -> now: 2. Disagree\n- Small promises matter\n    module 1: 4. Agree -> now: 2. Disagree"
      ))
    let before = comparison.firstIndex { $0.hasPrefix("Where you started") }!
    let question = comparison.firstIndex { $0.hasPrefix("What has changed for you?") }!
    #expect(before < question, "the whole before-and-after comes before the question")
    // The creed as written: its closing words before the signature, and a way not to sign.
    let sign = signScreen.joined(separator: "\n")
    #expect(sign.contains("By signing, you are not promising to be perfect, only to keep trying."))
    #expect(sign.contains("Press Enter to leave it unsigned"))
    #expect(run.transcript.contains("Not signed."))
    #expect(run.transcript.contains { $0.hasPrefix("You have finished Check-in. Well done!") })
    #expect(run.transcript.contains("Creed “Our promise”: not signed."))
    let modules = try progress(store)
    #expect(modules.map { $0["status"] as? String } == ["passed", "completed", "completed"])
    let creed = try #require(modules[2]["creed"] as? [String: Any])
    #expect(creed["signed"] as? Bool == false && creed["signedOn"] is NSNull)
    let table = try CoachBinary.run(["progress", "--employee", "j1", "--store", store, "--courses", courses])
    #expect(table.stdout.contains("not signed"))
  }

  @Test func theSummaryListsEachDrillsFirstAndBestScoreAndTheTime() throws {
    let store = CoachBinary.temporaryStore()
    let run = try learner(store, misses: ["first": 1])
    #expect(run.runToEnd().status == 0)
    let out = run.transcript.joined(separator: "\n")
    #expect(out.contains("You have finished Check-in. Well done!"))
    #expect(out.contains("Time spent: "))
    #expect(
      out.contains("1. Start: passed\n   Drill “Quick check”: first 80%, best 100%, pass mark 100%: passed"))
    #expect(out.contains("2. Quick: completed"))
    #expect(out.contains("Creed “Our promise”: signed on "))
  }

  @Test func theSmallThingsReadRight() throws {
    let store = CoachBinary.temporaryStore()
    let run = try learner(store)
    var reflections = 0
    var prompts = 0
    while prompts < 200, let prompt = run.nextPrompt() {
      prompts += 1
      if prompt.hasPrefix("? reflection") {
        reflections += 1
        run.send("/skip")
        continue
      }
      for line in run.answer(prompt) { run.send(line) }
    }
    run.closeInput()
    run.process.waitUntilExit()
    let out = run.transcript
    let text = out.joined(separator: "\n")
    #expect(reflections == 1)
    #expect(text.contains("! Left out."))
    #expect(text.contains("In this module: Lesson: One line. About 1 minute left."))
    #expect(!text.contains("1 minutes"))
    #expect(!text.contains("?."))
    // Course lines that start like coach's marks are indented; only coach's prompts
    // start with "? ".
    #expect(out.contains(" ? This paragraph starts like a prompt."))
    #expect(out.contains(" ! And this one like a hint."))
    #expect(out.contains(" == And this one like a header =="))
    let known = [
      "? agree", "? answer", "? order", "? match", "? reflection", "? Share", "? note", "? sign", "? Try",
      "? choose a passphrase", "? the same passphrase again",
    ]
    #expect(out.filter { $0.hasPrefix("? ") }.allSatisfy { line in known.contains { line.hasPrefix($0) } })
    // The reassurance comes once a belief section, never twice in a row.
    #expect(out.filter { $0 == "No answer here is right or wrong, and nothing is scored." }.count == 2)
  }
}
