import CoachTestSupport
import Testing

@testable import SessionEngine

@Suite struct AnswerParserTests {
  func parse(_ text: String, _ kind: AnswerKind) -> ParsedAnswer? {
    try? AnswerParser.parse(text, as: kind).get()
  }

  func hint(_ text: String, _ kind: AnswerKind) -> String? {
    if case .failure(let problem) = AnswerParser.parse(text, as: kind) { return problem.hint }
    return nil
  }

  static let kinds: [AnswerKind] = [
    .single(count: 4), .multiple(count: 4), .order(count: 3), .match(count: 3), .point(count: 5),
    .yesNo(default: false), .menu(count: 3),
  ]

  @Test func acceptsEveryDocumentedForm() {
    #expect(parse("2", .single(count: 4)) == .numbers([1]))
    #expect(parse(" 2 ", .single(count: 4)) == .numbers([1]))
    #expect(parse("1 3", .multiple(count: 4)) == .numbers([0, 2]))
    #expect(parse("1,3", .multiple(count: 4)) == .numbers([0, 2]))
    #expect(parse("3, 1", .multiple(count: 4)) == .numbers([2, 0]))
    #expect(parse("13", .multiple(count: 4)) == .numbers([0, 2]))
    #expect(parse("3 1 2", .order(count: 3)) == .numbers([2, 0, 1]))
    #expect(parse("312", .order(count: 3)) == .numbers([2, 0, 1]))
    #expect(parse("1b 2a 3c", .match(count: 3)) == .pairs([0: 1, 1: 0, 2: 2]))
    #expect(parse("1B,2A,3C", .match(count: 3)) == .pairs([0: 1, 1: 0, 2: 2]))
    #expect(parse("1-b 2-a 3-c", .match(count: 3)) == .pairs([0: 1, 1: 0, 2: 2]))
    #expect(parse("b a c", .match(count: 3)) == .pairs([0: 1, 1: 0, 2: 2]))
    #expect(parse("bac", .match(count: 3)) == .pairs([0: 1, 1: 0, 2: 2]))
    #expect(parse("4", .point(count: 5)) == .point(3))
    #expect(parse("", .yesNo(default: false)) == .yes(false))
    #expect(parse("", .yesNo(default: true)) == .yes(true))
    #expect(parse("Y", .yesNo(default: false)) == .yes(true))
    #expect(parse("no", .yesNo(default: true)) == .yes(false))
    #expect(parse("", .menu(count: 3)) == .proceed)
    #expect(parse("2", .menu(count: 3)) == .numbers([1]))
    #expect(parse("  Call   once ", .text(limit: 100, optional: false)) == .text("Call once"))
    #expect(parse("\n\nline one\nline two\n\n", .lines(limit: 100)) == .text("line one\nline two"))
  }

  @Test func commandsWorkAtEveryPromptButReflections() {
    for kind in Self.kinds + [.text(limit: 10, optional: true)] {
      #expect(parse("q", kind) == .quit)
      #expect(parse("?", kind) == .help)
      // On a menu a letter is never an answer: h is the course home there.
      #expect(parse("h", kind) == (kind == .menu(count: 3) ? .home : .hint))
    }
    #expect(parse("q", .lines(limit: 100)) == .text("q"))
    #expect(parse("quit", .text(limit: 10, optional: false)) == .text("quit"))
    #expect(parse("quit", .single(count: 3)) == .quit)
  }

  @Test func slashCommandsWorkAtEveryPromptReflectionsIncluded() {
    for kind in Self.kinds + [.text(limit: 10, optional: true), .lines(limit: 100)] {
      #expect(parse("/m", kind) == .outline)
      #expect(parse(" /outline ", kind) == .outline)
      #expect(parse("/h", kind) == .home)
      #expect(parse("/HOME", kind) == .home)
      #expect(parse("/a", kind) == .answers)
      #expect(parse("/q", kind) == .quit)
      #expect(parse("/?", kind) == .help)
      #expect(parse("/skip", kind) == .skip)
    }
    // Anything else that starts with a slash is an answer like any other.
    #expect(parse("/usr/bin", .text(limit: 100, optional: false)) == .text("/usr/bin"))
    #expect(parse("/mm\nmore", .lines(limit: 100)) == .text("/mm\nmore"))
    // On a menu: m, h and a.
    #expect(parse("m", .menu(count: 3)) == .outline)
    #expect(parse("a", .menu(count: 3)) == .answers)
    #expect(parse("m", .single(count: 3)) != .outline)
  }

  @Test func badInputGetsAOneLineHint() {
    let megabyte = String(repeating: "x", count: 1 << 20)
    let invalidUTF8 = String(decoding: [0x31, 0xFF, 0xFE], as: UTF8.self)
    let bad: [(String, AnswerKind)] = [
      ("0", .single(count: 4)), ("5", .single(count: 4)), ("-1", .single(count: 4)), ("x", .single(count: 4)),
      ("", .single(count: 4)), ("1 2", .single(count: 4)), ("99999999999999999999999", .single(count: 4)),
      ("5", .multiple(count: 4)), ("a b", .multiple(count: 4)), ("", .multiple(count: 4)),
      ("1 2", .order(count: 3)), ("1 1 2", .order(count: 3)), ("1 2 4", .order(count: 3)),
      ("abc", .order(count: 3)),
      ("1a 2b", .match(count: 3)), ("1a 2a 3b", .match(count: 3)), ("1a 1b 2c", .match(count: 3)),
      ("4a 2b 3c", .match(count: 3)), ("1d 2b 3c", .match(count: 3)), ("", .match(count: 3)),
      ("ab", .match(count: 3)),
      ("1?b", .match(count: 3)),
      ("6", .point(count: 5)), ("agree", .point(count: 5)), ("", .point(count: 5)),
      ("maybe", .yesNo(default: false)), ("4", .menu(count: 3)), ("x", .menu(count: 3)),
      ("", .text(limit: 10, optional: false)), ("   ", .text(limit: 10, optional: false)),
      ("this is far too long", .text(limit: 10, optional: true)),
      ("", .lines(limit: 100)), ("\n\n", .lines(limit: 100)),
    ]
    for (text, kind) in bad {
      let problem = hint(text, kind)
      #expect(problem != nil, "\(text) as \(kind) should be refused")
      #expect(problem.map { !$0.contains("\n") && $0.count < 160 } ?? false, "\(problem ?? "")")
    }
    for kind in Self.kinds + [.text(limit: 500, optional: false), .lines(limit: 20_000)] {
      for text in [megabyte, invalidUTF8, "1\u{FFFD}"] {
        let problem = hint(text, kind)
        #expect(problem != nil, "\(kind) should refuse \(text.prefix(8))")
        #expect(problem.map { !$0.contains("\n") && $0.count < 160 } ?? false)
      }
    }
  }

  @Test func anEmptyOrderAsksForEveryNumber() {
    #expect(hint("", .order(count: 3)) == "Type all 3 numbers in order, each once, e.g. 3 2 1.")
    #expect(hint(" ", .multiple(count: 4)) == AnswerParser.expectation(.multiple(count: 4)))
  }

  @Test func hintsNeverEchoLongInput() {
    let long = String(repeating: "7", count: 500)
    #expect(hint(long, .single(count: 3))?.contains(long) == false)
    #expect(hint(long + "x", .single(count: 3))?.count ?? 0 < 160)
  }

  @Test func escapeSequencesAndControlCharactersAreDropped() {
    #expect(parse("\u{1B}[A2\r", .single(count: 4)) == .numbers([1]))
    #expect(parse("call\u{7}\tonce", .text(limit: 50, optional: false)) == .text("call once"))
  }
}

/// Inputs `make fuzz` found, kept so that they never come back.
@Suite struct AnswerParserFuzzFindingsTests {
  /// "7`\0 777 " (select all) and "1b 2a 3c" (match): a prompt with nothing to choose
  /// from crashed on the range 1...0.
  @Test(arguments: [
    AnswerKind.single(count: 0), .multiple(count: 0), .order(count: 0), .menu(count: 0), .match(count: 0),
    .point(count: 0),
  ])
  func aPromptWithNothingToChooseRefusesEveryNumber(kind: AnswerKind) {
    for line in ["\u{0} 777 ", "1", "12", "0", "1b 2a 3c", "ab"] {
      guard case .failure = AnswerParser.parse(line, as: kind) else {
        Issue.record("\(kind) accepted \(line.debugDescription)")
        continue
      }
    }
  }
}
