import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The outline `coach check --format json` prints: where the learner finds right answers.
struct Outline: Decodable {
  struct Course: Decodable {
    var id: String
    var title: String
    var roles: [String]
    var modules: [Module]
  }
  struct Module: Decodable {
    var id: String
    var title: String
    var audience: [String]
    var sections: [Section]
  }
  struct Section: Decodable {
    var kind: String
    var id: String
    var items: [Item]
  }
  struct Item: Decodable {
    var kind: String
    var id: String
    var prompt: String
    var choices: [String]?
    var correct: [Int]?
    var answers: [String]?
    var pairs: [[String]]?
  }
  var courses: [Course]

  static func load(_ path: String) throws -> Outline {
    let result = try CoachBinary.run(["check", "--format", "json", path])
    return try JSONDecoder().decode(Outline.self, from: Data(result.stdout.utf8))
  }

  var drillItems: [Item] {
    courses.flatMap(\.modules).flatMap(\.sections).filter { $0.kind == "drill" }.flatMap(\.items)
  }
}

/// A scripted employee in pipe mode: reads each screen up to its `? ` prompt line and
/// types an answer, right unless told to miss a question.
final class PipeLearner: @unchecked Sendable {
  let process = Process()
  private let input = Pipe()
  private let output = Pipe()
  private let lock = NSLock()
  private var lines: [String] = []
  private var finished = false
  private let arrived = DispatchSemaphore(value: 0)
  private var cursor = 0
  /// Every line printed so far.
  var transcript: [String] { lock.withLock { lines } }
  /// The lines of the current screen, since the previous prompt.
  private(set) var screen: [String] = []

  var answerer: Answerer

  /// - Parameter beliefs: answers to give, in turn, at prompts that start with a key
  ///   ("agree", "rate", "rank", "reflection", "Share"); the usual answer once they run out.
  init(
    _ arguments: [String], outline: Outline, misses: [String: Int] = [:], name: String = "Sam Lee",
    beliefs: [String: [String]] = [:]
  ) throws {
    answerer = Answerer(items: outline.drillItems, misses: misses, name: name)
    answerer.beliefs = beliefs
    process.executableURL = CoachBinary.url
    process.arguments = arguments
    process.environment = CoachBinary.environment
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    _ = CoachBinary.brokenPipesIgnored
    try process.run()
    let handle = output.fileHandleForReading
    Thread { [self] in
      var pending = Data()
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty { break }
        pending.append(chunk)
        while let newline = pending.firstIndex(of: 0x0A) {
          let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
          pending = Data(pending[(newline + 1)...])
          lock.withLock { lines.append(line) }
          arrived.signal()
        }
      }
      lock.withLock { finished = true }
      arrived.signal()
    }.start()
  }

  /// Whether ``nextPrompt(timeout:)`` answers passphrase prompts itself (with the
  /// answerer's passphrase) and goes on to the next prompt.
  var answersPassphrase = true

  /// Waits for the next `? ` line, answering passphrase prompts on the way unless told
  /// not to; `nil` when the program ended first.
  func nextPrompt(timeout: Double = 20) -> String? {
    while let prompt = nextLine(timeout: timeout) {
      guard answersPassphrase, Answerer.isPassphrase(prompt) else { return prompt }
      send(answerer.passphrase)
    }
    return nil
  }

  private func nextLine(timeout: Double) -> String? {
    screen = []
    while true {
      let (line, done): (String?, Bool) = lock.withLock {
        cursor < lines.count ? (lines[cursor], false) : (nil, finished)
      }
      if let line {
        cursor += 1
        if line.hasPrefix("? ") { return line }
        screen.append(line)
        continue
      }
      if done { return nil }
      if arrived.wait(timeout: .now() + timeout) == .timedOut && lock.withLock({ cursor >= lines.count }) {
        return nil
      }
    }
  }

  func send(_ text: String) {
    input.fileHandleForWriting.write(Data((text + "\n").utf8))
  }

  func closeInput() { try? input.fileHandleForWriting.close() }

  func kill9() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// Answers every prompt until the program ends; returns its exit status.
  @discardableResult
  func runToEnd(limit: Int = 2_000) -> (status: Int32, prompts: Int) {
    var count = 0
    while count < limit, let prompt = nextPrompt() {
      for line in answer(prompt) { send(line) }
      count += 1
    }
    closeInput()
    process.waitUntilExit()
    return (process.terminationStatus, count)
  }

  /// The lines to type at `prompt`, looking at the current screen.
  func answer(_ prompt: String) -> [String] {
    answerer.answer(prompt, screen: screen)
  }

  var tries: [String: Int] {
    get { answerer.tries }
    set { answerer.tries = newValue }
  }
}

/// Works out the answer to a prompt from the lines of its screen and the outline.
struct Answerer {
  let items: [Outline.Item]
  var misses: [String: Int]
  var tries: [String: Int] = [:]
  /// Belief answers to give in turn, by the prompt's first word.
  var beliefs: [String: [String]] = [:]
  let name: String
  var passphrase = CoachBinary.passphrase
  /// The lines of every reflection written.
  var reflection = ["I remember a greeting.", "It was warm."]
  /// The note written beside the creed.
  var note = "It means listening first."
  /// Whether a reflection is shared with the trainer.
  var share = false
  private var screen: [String] = []

  init(items: [Outline.Item], misses: [String: Int], name: String) {
    self.items = items
    self.misses = misses
    self.name = name
  }

  static func isPassphrase(_ prompt: String) -> Bool {
    ["? choose a passphrase", "? the same passphrase again", "? passphrase"].contains(prompt)
  }

  mutating func answer(_ prompt: String, screen: [String]) -> [String] {
    self.screen = screen
    return compute(prompt)
  }

  private mutating func compute(_ prompt: String) -> [String] {
    let options = numbered()
    for (key, queue) in beliefs where prompt.hasPrefix("? " + key) && !queue.isEmpty {
      beliefs[key]!.removeFirst()
      return key == "reflection" ? [queue[0], ""] : [queue[0]]
    }
    if prompt.hasPrefix("? agree") { return ["4"] }
    if prompt.hasPrefix("? rate") { return ["3"] }
    if prompt.hasPrefix("? rank") { return [(1...options.count).map(String.init).joined(separator: " ")] }
    if Self.isPassphrase(prompt) { return [passphrase] }
    if prompt.hasPrefix("? reflection") { return reflection + [""] }
    if prompt.hasPrefix("? Share") { return [share ? "y" : "n"] }
    if prompt.hasPrefix("? note") { return [note] }
    if prompt.hasPrefix("? sign") { return [name] }
    if prompt.hasPrefix("? Try") { return ["y"] }
    guard let item = currentItem() else { return [""] }
    let attempt = tries[item.id, default: 0]
    tries[item.id] = attempt + 1
    let wrong = attempt < misses[item.id, default: 0]
    func number(_ text: String) -> Int { (options.firstIndex(of: text) ?? 0) + 1 }
    switch item.kind {
    case "single", "multiple":
      let choices = item.choices ?? []
      let right = (item.correct ?? []).map { choices[$0] }
      let picked = wrong ? [choices.first { !right.contains($0) } ?? choices[0]] : right
      return [picked.map { String(number($0)) }.joined(separator: " ")]
    case "short":
      return [wrong ? "no idea at all" : (item.answers ?? [""])[0]]
    case "order":
      let order = item.choices ?? []
      return [(wrong ? order.reversed() : order).map { String(number($0)) }.joined(separator: " ")]
    case "match":
      let pairs = item.pairs ?? []
      let letters = lettered()
      return [
        pairs.indices.map { i in
          let right = pairs[wrong ? (i + 1) % pairs.count : i][1]
          let letter = Character(UnicodeScalar(UInt8(97 + (letters.firstIndex(of: right) ?? 0))))
          return "\(number(pairs[i][0]))\(letter)"
        }.joined(separator: " ")
      ]
    default:
      return [""]
    }
  }

  /// The drill item whose prompt opens the last question shown.
  func currentItem() -> Outline.Item? {
    for line in screen.reversed() {
      if let item = items.filter({ line.hasPrefix($0.prompt) }).max(by: { $0.prompt.count < $1.prompt.count })
      {
        return item
      }
    }
    return nil
  }

  /// The `N. text` options after the last question's prompt.
  func numbered() -> [String] {
    optionLines().compactMap { line in
      guard let dot = line.firstIndex(of: "."), let _ = Int(line[..<dot]) else { return nil }
      return String(line[line.index(dot, offsetBy: 2)...])
    }
  }

  func lettered() -> [String] {
    optionLines().compactMap { line in
      let chars = Array(line)
      guard chars.count > 3, chars[0].isLetter, chars[1] == ".", chars[2] == " " else { return nil }
      return String(chars[3...])
    }
  }

  private func optionLines() -> [String] {
    func isOption(_ line: String) -> Bool {
      let digits = line.prefix { $0.isNumber }
      if !digits.isEmpty { return line.dropFirst(digits.count).hasPrefix(". ") }
      let chars = Array(line.prefix(3))
      return chars.count == 3 && chars[0].isLowercase && chars[1] == "." && chars[2] == " "
    }
    let start = screen.lastIndex { !isOption($0) }
    return Array(screen[((start ?? -1) + 1)...])
  }
}
