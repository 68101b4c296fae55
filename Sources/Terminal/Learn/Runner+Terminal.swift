import CourseModel
import SessionEngine

/// Terminal mode: full-screen drawing, paged lessons, single keys.
extension Runner {
  var renderer: ScreenRenderer {
    ScreenRenderer(width: min(console.size.width - 1, 100), ansi: console.usesColor, unicode: true)
  }

  /// Draws the screen and reads what the employee does; `keepDraft` is given each line
  /// of a reflection as it is typed.
  /// - Returns: The event, or `nil` for Ctrl-C.
  func terminalEvent(_ screen: Screen, keepDraft: (String) async -> Void = { _ in }) async -> Event? {
    switch screen.input {
    case .keys:
      return screen.kind == .page ? pageEvent(screen) : keyEvent(screen)
    case .line:
      draw(screen)
      switch console.readLine() {
      case .text(let text): return .line(text)
      case .endOfInput: return .quit
      case .interrupt: return nil
      }
    case .lines:
      draw(screen)
      console.write("\n")
      return await readLines(marker: "  ", draft: screen.draft, keep: keepDraft)
    case .none:
      return .quit
    }
  }

  /// Clears the screen and draws header, body (or one page of it), footer, hint and prompt.
  func draw(_ screen: Screen, body: [StyledLine]? = nil, page: (Int, Int)? = nil, transient: String? = nil) {
    let renderer = self.renderer
    let ansi = renderer.ansi
    console.clearScreen()
    if !console.controlsScreen { console.write("\n") }
    var out: [StyledLine] = renderer.header(screen)
    out.append(StyledLine(String(repeating: "─", count: renderer.width), [.dim]))
    out += body ?? renderer.body(screen)
    var bottom: [StyledLine] = [StyledLine()]
    if let notice = renderer.notice(screen) { bottom.append(notice) }
    if let transient { bottom.append(StyledLine(transient, [.warn])) }
    bottom += renderer.footer(screen, page: page)
    if case .keys = screen.input, console.controlsScreen {
      // Keep the keys on the bottom row, where the eye expects them.
      let filler = console.size.height - out.count - bottom.count
      if filler > 0 { out += Array(repeating: StyledLine(), count: filler) }
    }
    let text = (out + bottom).map { $0.rendered(ansi: ansi) }.joined(separator: "\n")
    console.write(text)
    if let prompt = renderer.prompt(screen) {
      let styled = StyledLine([Span(prompt, [.bold, .accent]), Span(" › ", [.dim])]).rendered(ansi: ansi)
      console.write("\n" + styled)
    }
  }

  /// Lines of the header, rule, spacing and footer around a page.
  private func chromeHeight(_ screen: Screen) -> Int {
    renderer.header(screen).count + 1 + 1 + renderer.footer(screen, page: (1, 2)).count
      + (screen.notice == nil ? 0 : 1)
  }

  func pageEvent(_ screen: Screen) -> Event? {
    var transient: String?
    while true {
      let lines = renderer.body(screen)
      let pager = Pager(
        lines: lines, height: console.size.height - chromeHeight(screen) - (transient == nil ? 0 : 1))
      let page = pager.page(showing: screen.pageStart)
      draw(
        screen, body: Array(pager.lines(onPage: page)), page: (page, pager.pageCount), transient: transient)
      transient = nil
      switch console.readKey() {
      case .enter, .space, .right, .down, .pageDown, .character("n"), .character("j"):
        return page + 1 < pager.pageCount ? .page(pager.position(onPage: page + 1)) : .next
      case .character("b"), .left, .up, .pageUp, .backspace, .character("k"):
        return page > 0 ? .page(pager.position(onPage: page - 1)) : .back
      case .character("q"), .character("Q"), .endOfInput: return .quit
      case .character("?"): return .help
      case .character("m"): return .home
      case .interrupt: return nil
      case .resize: continue
      default: transient = "Press Enter or space for the next page, b to go back, q to save and quit."
      }
    }
  }

  func keyEvent(_ screen: Screen) -> Event? {
    var transient: String?
    while true {
      draw(screen, transient: transient)
      transient = nil
      switch console.readKey() {
      case .enter, .space, .right, .pageDown, .character("n"): return .next
      case .character("q"), .character("Q"), .endOfInput: return .quit
      case .character("?"): return .help
      case .character("m"): return .home
      case .interrupt: return nil
      case .resize: continue
      default: transient = "Press Enter to go on (q saves and quits, ? shows help)."
      }
    }
  }
}
