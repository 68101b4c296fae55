import CourseModel
import LearnerModel
import SessionEngine
import Testing

@testable import Terminal

@Suite struct RenderingTests {
  let lesson: [Block] = [
    Block(.heading(level: 2, [.text("A heading")])),
    Block(
      .paragraph([
        .text("Some "), .emphasis([.text("emphasis")]), .text(", "), .strong([.text("strong")]),
        .text(" and "),
        .code("code"), .text(", then "),
        .link(destination: "https://example.com", title: "", [.text("a link")]),
        .text(". "), .text(String(repeating: "word ", count: 60)),
      ])),
    Block(
      .list(
        ordered: true, start: 1, tight: true,
        items: [[Block(.paragraph([.text("first")]))], [Block(.paragraph([.text("second")]))]])),
    Block(.list(ordered: false, start: 1, tight: true, items: [[Block(.paragraph([.text("bullet")]))]])),
    Block(.blockQuote([Block(.paragraph([.text("Quoted words")]))])),
    Block(.codeBlock(info: "", code: "let x = 1\n")),
    Block(.thematicBreak),
  ]

  @Test(arguments: [20, 40, 72, 100])
  func linesNeverExceedTheWidth(width: Int) {
    for line in BlockRenderer(width: width).render(lesson) {
      #expect(line.width <= width, "\(line.plain)")
    }
  }

  @Test func markdownKeepsItsMeaningAsText() {
    let text = BlockRenderer(width: 100).render(lesson).map(\.plain).joined(separator: "\n")
    #expect(text.contains("A heading"))
    #expect(text.contains("Some emphasis, strong and code, then a link (https://example.com)."))
    #expect(text.contains("1. first\n2. second"))
    #expect(text.contains("• bullet"))
    #expect(text.contains("│ Quoted words"))
    #expect(text.contains("    let x = 1"))
    let ascii = BlockRenderer(width: 100, unicode: false).render(lesson).map(\.plain).joined(separator: "\n")
    #expect(ascii.contains("- bullet") && ascii.contains("> Quoted words"))
  }

  @Test func stylesOnlyWhenAsked() {
    let lines = BlockRenderer(width: 100).render(lesson)
    #expect(lines.contains { $0.rendered(ansi: true).contains("\u{1B}[") })
    #expect(!lines.contains { $0.rendered(ansi: false).contains("\u{1B}") })
    let emphasis = lines.flatMap(\.spans).first { $0.text.contains("emphasis") }
    #expect(emphasis?.style.contains(.italic) == true)
  }

  @Test func pagesRoundTripThroughTheirPositions() {
    let lines = BlockRenderer(width: 30).render(lesson)
    let pager = Pager(lines: lines, height: 5)
    #expect(pager.pageCount > 3)
    for page in 0..<pager.pageCount {
      #expect(pager.page(showing: pager.position(onPage: page)) == page)
    }
    #expect(pager.page(showing: .end) == pager.pageCount - 1)
    #expect(PagePosition("3+4") == PagePosition(block: 3, line: 4))
    #expect(PagePosition("x") == nil)
  }

  @Test func pipeModeListsOptionsOnePerLine() {
    let screen = Screen(
      kind: .question, location: ["C"],
      parts: [.text("Match?", .prompt), .numbered(["one", "two"]), .lettered(["x", "y"])],
      input: .line(prompt: "match: a letter for each number"))
    let lines = ScreenRenderer.plain.body(screen).map(\.plain)
    #expect(lines == ["Match?", "1. one", "2. two", "a. x", "b. y"])
    #expect(ScreenRenderer.plain.prompt(screen) == "? match: a letter for each number")
  }

  @Test func theHeaderStaysOnOneLine() {
    let screen = Screen(
      kind: .question,
      location: [
        "A long course title", "Module 12 of 13: A very long module title indeed",
        "Drill: A long drill title",
      ],
      progress: "question 10 of 12", input: .none)
    for width in [40, 60, 80, 100] {
      let header = ScreenRenderer(width: width, ansi: false, unicode: true).header(screen)
      #expect(header.count == 1)
      #expect(header[0].width <= width)
      #expect(header[0].plain.hasSuffix("question 10 of 12"))
    }
  }

  @Test func aScreenBeforeACourseIsOpenOffersOnlyTheKeysThatWorkThere() {
    let renderer = ScreenRenderer(width: 100, ansi: false, unicode: false)
    let signIn = Screen(
      kind: .setup, location: ["coach"], input: .line(prompt: "your employee number or login"))
    #expect(renderer.footer(signIn).map(\.plain) == ["Enter: send | q: quit | ?: help"])
    let takeOver = Screen(kind: .setup, location: ["coach"], input: .line(prompt: "take over [y/N]"))
    #expect(renderer.footer(takeOver).map(\.plain) == ["y: yes | n or Enter: no | q: quit | ?: help"])
    // In a course the same prompt offers the ways around it.
    let question = Screen(kind: .question, location: ["course"], input: .line(prompt: "answer"))
    #expect(
      renderer.footer(question).map(\.plain)
        == ["Enter: send | /m: outline | /h: home | q: save and quit | ?: help"])
    #expect(Help.lines(for: signIn.input, screen: .setup).allSatisfy { !$0.contains("outline") })
  }
}
