import CourseModel

/// Turns what an employee typed into an answer, or into a one-line hint that says what to
/// type instead. The terminal and the pipe front ends share it, so both accept the same
/// input and give the same hints.
public enum AnswerParser {
  /// Longest input considered at prompts that take numbers or letters.
  static let shortLimit = 2_000

  /// Parses `raw` as an answer of `kind`.
  public static func parse(_ raw: String, as kind: AnswerKind) -> Result<ParsedAnswer, InputProblem> {
    if raw.contains("\u{FFFD}") {
      return .failure(
        InputProblem("That text has bytes that are not valid UTF-8 text; please type it again."))
    }
    switch kind {
    case .text(let limit, _), .lines(let limit):
      if raw.utf8.count > limit * 4 + 64 { return .failure(tooLong(limit)) }
    default:
      if raw.utf8.count > shortLimit {
        return .failure(InputProblem(expectation(kind, prefix: "That is far too long.")))
      }
    }
    let text = sanitize(raw, keepNewlines: { if case .lines = kind { true } else { false } }())
    let trimmed = text.trimmed
    if let command = slashCommand(trimmed) { return .success(command) }
    if kind.isMenu, let command = menuCommand(trimmed) { return .success(command) }
    if kind.takesCommands, let command = command(trimmed, wordsToo: !kind.isText) { return .success(command) }
    if trimmed.isEmpty, case .multiple = kind { return .failure(InputProblem(expectation(kind))) }
    if trimmed.isEmpty, case .order = kind { return .failure(InputProblem(expectation(kind))) }
    switch kind {
    case .single(let count), .point(let count):
      return numbers(trimmed, count: count, compact: false, one: true).flatMap { list in
        guard list.count == 1 else {
          return .failure(InputProblem("Pick just one: type one number from 1 to \(count)."))
        }
        return .success(kind == .point(count: count) ? .point(list[0]) : .numbers(list))
      }
    case .multiple(let count):
      return numbers(trimmed, count: count, compact: true).map { list in
        var seen = Set<Int>()
        return .numbers(list.filter { seen.insert($0).inserted })
      }
    case .order(let count):
      return numbers(trimmed, count: count, compact: true).flatMap { list in
        if let twice = duplicate(list) {
          return .failure(
            InputProblem("\(twice + 1) is there twice: type each number from 1 to \(count) once."))
        }
        if list.count != count {
          let missing = (0..<count).filter { !list.contains($0) }.map { String($0 + 1) }
          return .failure(
            InputProblem(
              "Put all \(count) in order, each once; missing: \(missing.joined(separator: ", "))."))
        }
        return .success(.numbers(list))
      }
    case .match(let count):
      return MatchParser.parse(trimmed, count: count).map { .pairs($0) }
    case .text(let limit, let optional):
      if trimmed.isEmpty && !optional { return .failure(InputProblem("Type your answer, then press Enter.")) }
      if trimmed.count > limit { return .failure(tooLong(limit)) }
      return .success(.text(collapseSpaces(trimmed)))
    case .lines(let limit):
      let body = text.trimmingBlankLines()
      if body.trimmed.isEmpty {
        return .failure(InputProblem("Write at least a few words, then an empty line to finish."))
      }
      if body.count > limit { return .failure(tooLong(limit)) }
      return .success(.text(body))
    case .yesNo(let fallback):
      switch trimmed.lowercased() {
      case "": return .success(.yes(fallback))
      case "y", "yes": return .success(.yes(true))
      case "n", "no": return .success(.yes(false))
      default: return .failure(InputProblem(expectation(kind)))
      }
    case .menu(let count):
      if trimmed.isEmpty { return .success(.proceed) }
      return numbers(trimmed, count: count, compact: false, one: true).flatMap { list in
        list.count == 1 ? .success(.numbers(list)) : .failure(InputProblem(expectation(kind)))
      }
    }
  }

  /// What to type at a prompt of `kind`, as one line.
  public static func expectation(_ kind: AnswerKind, prefix: String = "") -> String {
    let lead = prefix.isEmpty ? "" : prefix + " "
    switch kind {
    case .single(let count), .point(let count):
      return lead + "Type one number from 1 to \(count), then press Enter."
    case .multiple(let count):
      return lead + "Type the numbers of every choice that applies (1 to \(count)), e.g. 1 3."
    case .order(let count):
      return lead + "Type all \(count) numbers in order, each once, e.g. \(example(count))."
    case .match(let count):
      return lead + "Type a letter for each number 1 to \(count), e.g. \(MatchParser.example(count))."
    case .text(let limit, _), .lines(let limit):
      return lead + "Type at most \(limit) characters."
    case .yesNo(let fallback):
      return lead + "Type y for yes or n for no (Enter means \(fallback ? "yes" : "no"))."
    case .menu(let count):
      return lead + "Press Enter to continue, or type a number from 1 to \(count)."
    }
  }

  // MARK: - Helpers

  static func tooLong(_ limit: Int) -> InputProblem {
    InputProblem("That is too long: keep it under \(limit) characters and type it again.")
  }

  private static func example(_ count: Int) -> String {
    (1...max(count, 1)).reversed().map(String.init).joined(separator: " ")
  }

  /// The commands every prompt takes, whatever it asks: a line starting with `/`, so no
  /// answer is taken for one. `/m` the module's outline, `/h` the course home, `/a` your
  /// answers, `/q` save and quit, `/?` help, `/skip` leave a reflection out.
  public static func slashCommand(_ text: String) -> ParsedAnswer? {
    guard text.hasPrefix("/") else { return nil }
    switch text.lowercased() {
    case "/m", "/outline": return .outline
    case "/h", "/home": return .home
    case "/a", "/answers": return .answers
    case "/q", "/quit": return .quit
    case "/?", "/help": return .help
    case "/skip": return .skip
    default: return nil
    }
  }

  /// On a menu a letter is never an answer: `h` home, `m` outline, `a` answers.
  private static func menuCommand(_ text: String) -> ParsedAnswer? {
    switch text.lowercased() {
    case "h", "home": .home
    case "m", "outline": .outline
    case "a", "answers": .answers
    default: nil
    }
  }

  private static func command(_ text: String, wordsToo: Bool) -> ParsedAnswer? {
    switch text.lowercased() {
    case "q": .quit
    case "h": .hint
    case "?": .help
    case "quit" where wordsToo: .quit
    case "hint" where wordsToo: .hint
    case "help" where wordsToo: .help
    default: nil
    }
  }

  /// Numbers separated by spaces or commas, 0-based; `compact` also reads `312` as 3 1 2.
  static func numbers(_ text: String, count: Int, compact: Bool, one: Bool = false) -> Result<
    [Int], InputProblem
  > {
    // A prompt with nothing to choose from (no course builds one) refuses every answer
    // rather than forming the range 1...0 (found by make fuzz).
    guard count >= 1 else { return .failure(InputProblem("There is nothing to choose from here.")) }
    let wanted = one ? "a number from 1 to \(count)" : "numbers from 1 to \(count)"
    let tokens = text.split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace })
    if tokens.isEmpty {
      return .failure(
        InputProblem(
          count == 1 ? "Type 1, then press Enter." : "Type a number from 1 to \(count), then press Enter."))
    }
    if compact && count <= 9 && tokens.count == 1, let only = tokens.first, only.count > 1,
      only.allSatisfy({ $0.isASCII && $0.isNumber }),
      only.allSatisfy({ Int(String($0)).map { (1...count).contains($0) } ?? false })
    {
      return .success(only.map { Int(String($0))! - 1 })
    }
    var list: [Int] = []
    for token in tokens {
      guard token.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(token) else {
        let shown = token.count <= 12 ? "\"\(token)\" is not a number" : "That is not a number"
        return .failure(InputProblem("\(shown): type \(wanted)\(one ? "" : ", e.g. 2 3")."))
      }
      guard (1...max(count, 1)).contains(number) else {
        let shown = token.count <= 12 ? "\(number)" : "That number"
        return .failure(InputProblem("\(shown) is not on the list: type \(wanted)."))
      }
      list.append(number - 1)
    }
    return .success(list)
  }

  private static func duplicate(_ list: [Int]) -> Int? {
    var seen = Set<Int>()
    return list.first { !seen.insert($0).inserted }
  }

  private static func collapseSpaces(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " }).joined(separator: " ")
  }

  /// Removes terminal escape sequences and control characters (tabs become spaces,
  /// carriage returns go); newlines stay when `keepNewlines`.
  static func sanitize(_ text: String, keepNewlines: Bool) -> String {
    var out = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      switch scalar.value {
      case 0x1B:
        // ESC [ params final, ESC O x, or ESC x: skip the whole sequence.
        guard let next = scalars.next() else { break }
        if next == "[" {
          while let s = scalars.next(), !(0x40...0x7E).contains(s.value) {}
        } else if next == "O" {
          _ = scalars.next()
        }
      case 0x0A: if keepNewlines { out.append(scalar) } else { out.append(" ") }
      case 0x09: out.append(" ")
      case 0x00..<0x20, 0x7F, 0x80..<0xA0: break
      default: out.append(scalar)
      }
    }
    return String(out)
  }
}

extension AnswerKind {
  var isLines: Bool {
    if case .lines = self { return true }
    return false
  }

  var isText: Bool {
    switch self {
    case .text, .lines: true
    default: false
    }
  }
}

extension String {
  /// Drops blank lines at the start and end, and trailing spaces on each line.
  func trimmingBlankLines() -> String {
    var lines = split(separator: "\n", omittingEmptySubsequences: false).map { line in
      var l = Substring(line)
      while let last = l.last, last.isWhitespace { l.removeLast() }
      return String(l)
    }
    while let first = lines.first, first.trimmed.isEmpty { lines.removeFirst() }
    while let last = lines.last, last.trimmed.isEmpty { lines.removeLast() }
    return lines.joined(separator: "\n")
  }
}
