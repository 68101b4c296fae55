import CourseModel
import Foundation
import LearnerModel
import SessionEngine
import Testing

@testable import Terminal

/// What comes in from a terminal (keys, and nothing but keys) and what goes out to it
/// (text that cannot drive it).
@Suite struct KeysAndTextTests {
  /// Every key in `bytes`, decoded as the console does (the end: no more bytes).
  static func keys(_ bytes: [UInt8]) -> [Key] {
    var keys: [Key] = []
    var rest = ArraySlice(bytes)
    while !rest.isEmpty {
      switch KeyDecoder.decode(rest, final: true) {
      case .key(let key, let length):
        keys.append(key)
        rest = rest.dropFirst(length)
      case .ignored(let length): rest = rest.dropFirst(length)
      case .incomplete:
        Issue.record("a final decode is never incomplete")
        return keys
      }
    }
    return keys
  }

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

  @Test func arrowsPageKeysAndEditingKeysAreKeys() {
    #expect(Self.keys(Self.bytes("\u{1B}[A\u{1B}[B\u{1B}[C\u{1B}[D")) == [.up, .down, .right, .left])
    #expect(Self.keys(Self.bytes("\u{1B}OA\u{1B}OB")) == [.up, .down])
    #expect(
      Self.keys(Self.bytes("\u{1B}[1;5A\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[H\u{1B}[4~")) == [
        .up, .pageUp, .pageDown, .delete, .home, .end,
      ])
    #expect(
      Self.keys([0x0D, 0x0A, 0x0D, 0x7F, 0x09, 0x01, 0x05, 0x15, 0x17, 0x0B]) == [
        .enter, .enter, .backspace, .tab, .control("a"), .control("e"), .control("u"), .control("w"),
        .control("k"),
      ])
    #expect(
      Self.keys(Self.bytes("aé漢 😀")) == [
        .character("a"), .character("é"), .character("漢"), .space, .character("😀"),
      ])
    #expect(Self.keys([0x1B]) == [.escape])
    #expect(KeyDecoder.decode([0x1B], final: false) == .incomplete)
    #expect(KeyDecoder.decode(ArraySlice(Self.bytes("\u{1B}[1")), final: false) == .incomplete)
    // Alt and a key sends Esc then the key: Esc, then the key.
    #expect(Self.keys(Self.bytes("\u{1B}h")) == [.escape, .character("h")])
  }

  @Test func terminalRepliesAndUnknownSequencesAreNeverKeys() {
    let replies = [
      "\u{1B}[12;40R",  // cursor position report (the answer to ESC[6n)
      "\u{1B}]11;rgb:0000/0000/0000\u{07}",  // OSC colour reply, BEL
      "\u{1B}]52;c;cm0gLXJmIH4=\u{1B}\\",  // OSC 52 clipboard, ST
      "\u{1B}P1$r0m\u{1B}\\",  // DCS reply
      "\u{1B}[?1;2c",  // device attributes
      "\u{1B}[>0;276;0c",
      "\u{1B}[I\u{1B}[O",  // focus in and out
      "\u{1B}[<0;10;5M",  // a mouse report
      "\u{1B}[200~\u{1B}[201~",  // bracketed paste marks
      "\u{1B}[15~\u{1B}[2~",  // F5, Insert
      "\u{1B}_apc\u{1B}\\\u{1B}^pm\u{1B}\\\u{1B}Xsos\u{1B}\\",
      "\u{9B}12;40R",  // the one-character CSI, as UTF-8
      "\u{9D}0;title\u{9C}",  // OSC and ST, as UTF-8
    ]
    for reply in replies {
      #expect(Self.keys(Self.bytes(reply)).isEmpty, "\(reply.debugDescription)")
      // Around a reply, the keys typed are all there and nothing else.
      #expect(Self.keys(Self.bytes("1" + reply + "2\r")) == [.character("1"), .character("2"), .enter])
    }
    // The eight-bit CSI as one raw byte.
    #expect(Self.keys([0x9B] + Self.bytes("12;40R") + [0x31]) == [.character("1")])
    // A reply cut short and followed by a key: the key still comes through.
    #expect(Self.keys(Self.bytes("\u{1B}]0;title")) == [])
    #expect(Self.keys(Self.bytes("\u{1B}]0;x\u{1B}[A")) == [.up])
  }

  @Test func aDecoderFedRandomBytesOnlyEverYieldsKeysAndAlwaysMovesOn() {
    let seed = UInt64.random(in: 0...UInt64.max)
    var rng = SplitMix64(seed: seed)
    for _ in 0..<300 {
      let count = Int(rng.next() % 64)
      let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
      var rest = ArraySlice(bytes)
      var steps = 0
      while !rest.isEmpty && steps <= bytes.count {
        steps += 1
        switch KeyDecoder.decode(rest, final: true) {
        case .key(_, let length), .ignored(let length):
          #expect(length > 0, "seed \(seed)")
          rest = rest.dropFirst(max(length, 1))
        case .incomplete:
          Issue.record("incomplete at the end (seed \(seed))")
          rest = []
        }
      }
      #expect(rest.isEmpty, "the decoder always consumes (seed \(seed))")
    }
  }

  @Test func theLineEditorEditsAndHandsBackTheKeysItDoesNotTake() {
    var line = LineEditor()
    for key in [Key.character("h"), .character("e"), .character("y"), .left, .left, .character("X")] {
      _ = line.apply(key)
    }
    #expect(line.text == "hXey")
    _ = line.apply(.control("e"))
    _ = line.apply(.backspace)
    #expect(line.text == "hXe")
    _ = line.apply(.control("a"))
    _ = line.apply(.delete)
    #expect(line.text == "Xe")
    _ = line.apply(.control("e"))
    for key in [Key.space, .character("w"), .character("o")] { _ = line.apply(key) }
    _ = line.apply(.control("w"))
    #expect(line.text == "Xe ")
    _ = line.apply(.control("u"))
    #expect(line.text.isEmpty)
    for key in [Key.up, .down, .pageUp, .pageDown, .escape, .tab] {
      #expect(line.apply(key) == .key(key), "\(key) is not typed into the answer")
    }
    #expect(line.text.isEmpty)
    #expect(line.apply(.endOfInput) == .endOfInput)
    _ = line.apply(.character("2"))
    #expect(line.apply(.endOfInput) == .submit)
    #expect(line.apply(.enter) == .submit)
    // Space is a key while a list item is highlighted; typing ends that.
    line.spaceIsKey = true
    #expect(line.apply(.space) == .key(.space))
    _ = line.apply(.character("3"))
    #expect(line.apply(.space) == .edited)
    // A menu's letters act at once on an empty line, and are text after a digit.
    var menu = LineEditor()
    menu.instantKeys = ["h", "q"]
    #expect(menu.apply(.character("h")) == .key(.character("h")))
    _ = menu.apply(.character("1"))
    #expect(menu.apply(.character("h")) == .edited)
  }

  @Test func theInputRowScrollsToShowTheCursorAndNeverWritesAControl() {
    var line = LineEditor(String(repeating: "abcdefghij", count: 10))
    let view = PromptView(prefix: "? x › ", prefixWidth: 6, width: 40)
    let (row, cursor) = view.row(line)
    #expect(TextWidth.of(row) <= 40)
    #expect(row.hasPrefix("? x › …"))
    #expect(cursor <= 39)
    for _ in 0..<200 { _ = line.apply(.left) }
    let (start, home) = view.row(line)
    #expect(start.hasPrefix("? x › abcdefghij"))
    #expect(home == 6)
    let hostile = LineEditor("\u{1B}]0;pwned\u{07}")
    #expect(!view.row(hostile).text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
  }

  @Test func controlCharactersAreShownAndBidiOverridesRemoved() {
    #expect(ShownText.safe("a\u{1B}]0;x\u{07}b") == "a␛]0;x␇b")
    #expect(ShownText.safe("\u{1B}[2J\u{1B}[8mhidden") == "␛[2J␛[8mhidden")
    #expect(ShownText.safe("x\u{9B}31my\u{9D}0;t") == "x␛[31my␛]0;t")
    #expect(ShownText.safe("del\u{7F}cr\r") == "del␡cr␍")
    #expect(ShownText.safe("tab\there") == "tab here")
    #expect(ShownText.safe("line\nbreak") == "line␊break")
    #expect(ShownText.safe("line\nbreak", keepingNewlines: true) == "line\nbreak")
    #expect(ShownText.safe("abc\u{202E}fdp.exe\u{202C} \u{2066}x\u{2069}") == "abcfdp.exe x")
    #expect(ShownText.safe("sep\u{2028}ara\u{2029}te") == "sep ara te")
    let clean = "Café, 漢字, עברית, 😀 and a plain line."
    #expect(ShownText.safe(clean) == clean)
    #expect(!ShownText.needsCleaning(clean))
    // Every scalar below U+00A0 that is a control, and every override, is caught.
    for value in Array(0..<0x20) + Array(0x7F...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069) {
      let scalar = Unicode.Scalar(UInt32(value))!
      let text = "a" + String(Character(scalar)) + "b"
      #expect(ShownText.needsCleaning(text), "U+\(String(value, radix: 16))")
      let shown = ShownText.safe(text)
      #expect(!shown.unicodeScalars.contains { ShownText.isUnsafe($0) }, "U+\(String(value, radix: 16))")
    }
    // What a learner's screen changes is exactly what the safe text changes, on the first
    // planes: the characters diagnostics escape, and tab, line feed and the separators.
    let laidOut: Set<UInt32> = [0x09, 0x0A, 0x2028, 0x2029]
    for value in UInt32(0)..<0x3_0000 {
      guard let scalar = Unicode.Scalar(value) else { continue }
      let text = "a" + String(Character(scalar)) + "b"
      let changed = ShownText.safe(text) != text
      #expect(ShownText.isUnsafe(scalar) == changed, "U+\(String(value, radix: 16))")
      #expect(
        ShownText.isUnsafe(scalar) == (UnsafeCharacter.isUnsafe(scalar) || laidOut.contains(value)),
        "U+\(String(value, radix: 16))")
      if !changed { continue }
      #expect(ShownText.needsCleaning(text), "U+\(String(value, radix: 16))")
    }
  }

  @Test func everySpanAndLineIsSafeWhateverItWasMadeFrom() {
    let span = Span("Title\u{1B}]0;owned\u{07}\nnext")
    #expect(span.text == "Title␛]0;owned␇\nnext")
    let line = StyledLine([span, Span("\u{1B}[2J", [.bold])])
    #expect(!line.plain.contains("\n"))
    let rendered = line.rendered(ansi: true)
    // The only escapes are coach's own styles.
    let escapes = rendered.components(separatedBy: "\u{1B}").dropFirst()
    #expect(escapes.allSatisfy { $0.hasPrefix("[1m") || $0.hasPrefix("[0m") })
  }

  @Test func pipeLinesThatLookLikeCoachsMarksAreIndented() {
    #expect(PipeText.escaped("? answer 1-3") == " ? answer 1-3")
    #expect(PipeText.escaped("! Wrong") == " ! Wrong")
    #expect(PipeText.escaped("== Fake header ==") == " == Fake header ==")
    #expect(PipeText.escaped("?") == " ?")
    #expect(PipeText.escaped("Is it? Yes.") == "Is it? Yes.")
    #expect(PipeText.escaped("  ? indented") == "  ? indented")
  }

  @Test func aReflectionKeepsItsLimitWhileItIsRead() {
    var text = ReflectionText(limit: 100, draft: ["kept"])
    for n in 0..<50 { text.add("line \(n)") }
    #expect(text.text.count <= 100)
    #expect(text.over > 0)
    let kept = text.text
    if case .tooLong(let fits, let over) = text.finished {
      #expect(fits == kept)
      #expect(fits.count + over == (["kept"] + (0..<50).map { "line \($0)" }).joined(separator: "\n").count)
    } else {
      Issue.record("past the limit, the reflection ends as too long")
    }
    text.cut()
    #expect(text.over == 0 && text.text == kept)
    text.cut()
    #expect(text.text.count < kept.count)
    text.clear()
    #expect(text.isEmpty)
    // 200,000 lines are read in one pass: what is over is counted, never joined.
    var big = ReflectionText(limit: 20_000, draft: [])
    for n in 0..<200_000 { big.add("Line \(n) of my reflection, about service.") }
    #expect(big.used <= 20_000)
    #expect(big.lines.count < 600)
    #expect(big.over > 7_000_000)
  }

  @Test func pipeModeLinesAreTheSameAsWrappingToAnEndlessWidth() {
    let spans = [
      Span("  Some   words, "), Span("styled", [.bold]), Span(" and\n a\tbreak  "), Span("\n\nend  "),
    ]
    let endless = Wrapper(width: 1_000_000).wrap(spans, first: [Span("- ")], rest: [Span("  ")])
    let pipe = Wrapper(width: Int.max).wrap(spans, first: [Span("- ")], rest: [Span("  ")])
    #expect(pipe.map(\.plain) == endless.map(\.plain))
    #expect(Wrapper(width: Int.max).wrap([]).map(\.plain) == Wrapper(width: 1_000_000).wrap([]).map(\.plain))
  }
}
