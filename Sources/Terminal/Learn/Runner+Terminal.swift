import CourseModel
import LearnerModel
import SessionEngine

/// Terminal mode: full-screen drawing, every screen paged to the terminal's height,
/// single keys on screens that wait for one, coach's own line editing at prompts.
extension Runner {
  var renderer: ScreenRenderer {
    ScreenRenderer(width: min(console.size.width - 1, 100), ansi: console.usesColor, unicode: true)
  }

  /// Draws the screen and reads what the employee does; `keep` is given the lines of a
  /// reflection typed so far whenever typing pauses.
  /// - Returns: The event, or `nil` for Ctrl-C.
  func terminalEvent(_ screen: Screen, keep: (String) async -> Void = { _ in }) async -> Event? {
    switch screen.input {
    case .keys:
      return screen.kind == .page ? pageEvent(screen) : keyEvent(screen)
    case .line:
      return lineEvent(screen)
    case .lines:
      return await reflectionEvent(screen, keep: keep)
    case .none:
      return .quit
    }
  }

  // MARK: - Layout

  /// A short terminal keeps its footer to one line.
  var isShort: Bool { console.size.height < 16 }

  /// The rows a screen's chrome takes around its body (header, rule, the blank line, the
  /// notice, a transient hint, the footer, the prompt), and the lines of the bottom part.
  func bottom(_ screen: Screen, page: (Int, Int)?, label: String? = nil, transient: String?) -> [StyledLine] {
    var bottom: [StyledLine] = [StyledLine()]
    if let notice = renderer.notice(screen) { bottom += wrapped(notice) }
    if let transient { bottom += wrapped(StyledLine(transient, [.warn])) }
    return bottom + renderer.footer(screen, page: page, label: label, compact: isShort)
  }

  func wrapped(_ line: StyledLine) -> [StyledLine] {
    Wrapper(width: renderer.width).wrap(line.spans)
  }

  func top(_ screen: Screen) -> [StyledLine] {
    renderer.header(screen) + [StyledLine(String(repeating: "─", count: renderer.width), [.dim])]
  }

  /// The prompt's rows: the prompt and the answer on one row when there is room for
  /// both, else the prompt on rows of its own and the answer on the row below.
  func promptRows(_ screen: Screen) -> (rows: [StyledLine], view: PromptView) {
    let width = console.size.width
    let text = renderer.prompt(screen) ?? "?"
    let prompt = StyledLine([Span(text, [.bold, .accent]), Span(" › ", [.dim])])
    if prompt.width <= width - 12 {
      return (
        [], PromptView(prefix: prompt.rendered(ansi: renderer.ansi), prefixWidth: prompt.width, width: width)
      )
    }
    var rows = Wrapper(width: renderer.width).wrap([Span(text, [.bold, .accent])])
    if let last = rows.last, last.width + 3 <= width - 12 {
      // The answer goes on the prompt's last row when there is room for it.
      rows.removeLast()
      let row = StyledLine(last.spans + [Span(" › ", [.dim])])
      return (
        rows, PromptView(prefix: row.rendered(ansi: renderer.ansi), prefixWidth: row.width, width: width)
      )
    }
    let arrow = StyledLine([Span("› ", [.dim])])
    return (
      rows, PromptView(prefix: arrow.rendered(ansi: renderer.ansi), prefixWidth: arrow.width, width: width)
    )
  }

  /// Clears the screen and writes `lines`; with `input`, the cursor is then put at the
  /// start of row `input` (0-based) for the answer to be typed there.
  func paint(_ lines: [StyledLine], input: Int? = nil) {
    let ansi = renderer.ansi
    console.clearScreen()
    if !console.controlsScreen { console.write("\n") }
    console.write(lines.map { $0.rendered(ansi: ansi) }.joined(separator: "\n"))
    if let input {
      if console.controlsScreen {
        console.write("\u{1B}[\(input + 1);1H")
      } else {
        console.write("\n")
      }
    }
  }

  // MARK: - Screens that wait for a key

  /// Any screen that waits for a key but a lesson: paged to the terminal; Enter turns to
  /// the next page and, on the last, goes on.
  func keyEvent(_ screen: Screen) -> Event? {
    var transient: String?
    var page = 0
    while true {
      let head = top(screen)
      let lines = renderer.body(screen)
      var tail = bottom(screen, page: nil, transient: transient)
      var height = console.size.height - head.count - tail.count
      var pager = Pager(lines: lines, height: height)
      if pager.pageCount > 1 {
        // Every page as high as the page with the most keys in its footer (b: back).
        let probe = bottom(screen, page: (1, 2), transient: transient)
        height = console.size.height - head.count - probe.count
        pager = Pager(lines: lines, height: height)
        page = min(page, pager.pageCount - 1)
        tail = bottom(screen, page: (page, pager.pageCount), transient: transient)
      }
      page = min(page, pager.pageCount - 1)
      var body = Array(pager.lines(onPage: page))
      if console.controlsScreen {
        // Keep the keys on the bottom row, where the eye expects them.
        body += Array(repeating: StyledLine(), count: max(0, height - body.count))
      }
      paint(head + body + tail)
      transient = nil
      switch console.readKey() {
      case .enter, .space, .right, .down, .pageDown, .character("n"), .character("j"):
        if page + 1 < pager.pageCount {
          page += 1
        } else {
          return .next
        }
      case .character("b"), .left, .up, .pageUp, .backspace, .character("k"):
        if page > 0 {
          page -= 1
        } else if screen.input == .keys(back: true) {
          return .back
        } else {
          transient = "This is the first page here."
        }
      case .character("q"), .character("Q"), .endOfInput: return .quit
      case .character("?"): return .help
      case .character("m"), .escape: return .outline
      case .character("h"): return .home
      case .interrupt: return nil
      case .resize, .other, .control, .tab, .backTab, .home, .end, .delete: continue
      case .character:
        transient =
          screen.navigation == .review
          ? "Press Enter to go on (h: end the review, q: save and quit, ?: help)."
          : "Press Enter to go on (m: outline, h: home, q: save and quit, ?: help)."
      }
    }
  }

  /// A lesson page: pages turn through the engine, so the bookmark keeps the page.
  func pageEvent(_ screen: Screen) -> Event? {
    if LazyPages.isLarge(screen) { return lazyPageEvent(screen) }
    var transient: String?
    while true {
      let head = top(screen)
      let lines = renderer.body(screen)
      // Every page as high as the page with the most keys in its footer (b: back).
      let probe = bottom(screen, page: (1, 2), transient: transient)
      let pager = Pager(lines: lines, height: console.size.height - head.count - probe.count)
      let page = pager.page(showing: screen.pageStart)
      let tail = bottom(screen, page: (page, pager.pageCount), transient: transient)
      var body = Array(pager.lines(onPage: page))
      if console.controlsScreen {
        body += Array(
          repeating: StyledLine(), count: max(0, console.size.height - head.count - tail.count - body.count))
      }
      paint(head + body + tail)
      transient = nil
      switch console.readKey() {
      case .enter, .space, .right, .down, .pageDown, .character("n"), .character("j"):
        return page + 1 < pager.pageCount ? .page(pager.position(onPage: page + 1)) : .next
      case .character("b"), .left, .up, .pageUp, .backspace, .character("k"):
        return page > 0 ? .page(pager.position(onPage: page - 1)) : .back
      case .character("q"), .character("Q"), .endOfInput: return .quit
      case .character("?"): return .help
      case .character("m"), .escape: return .outline
      case .character("h"): return .home
      case .interrupt: return nil
      case .resize, .other, .control, .tab, .backTab, .home, .end, .delete: continue
      case .character:
        transient = "Press Enter or space for the next page, b to go back, q to save and quit."
      }
    }
  }

  /// A long lesson: rendered a few blocks at a time, from where the page opens.
  func lazyPageEvent(_ screen: Screen) -> Event? {
    var transient: String?
    while true {
      let pages = lazyPages(for: screen)
      let head = top(screen)
      let probe = bottom(screen, page: (1, 1), label: "100% through", transient: transient)
      let height = max(3, console.size.height - head.count - probe.count)
      let place = pages.place(screen.pageStart, height: height)
      let (lines, next) = pages.page(at: place, height: height)
      let previous = pages.previous(before: place, height: height)
      let label = "\(pages.percent(place))% through"
      let tail = bottom(screen, page: (1, 1), label: label, transient: transient)
      var body = lines
      if console.controlsScreen {
        body += Array(
          repeating: StyledLine(), count: max(0, console.size.height - head.count - tail.count - body.count))
      }
      paint(head + body + tail)
      transient = nil
      switch console.readKey() {
      case .enter, .space, .right, .down, .pageDown, .character("n"), .character("j"):
        return next.map { .page(pages.position($0)) } ?? .next
      case .character("b"), .left, .up, .pageUp, .backspace, .character("k"):
        return previous.map { .page(pages.position($0)) } ?? .back
      case .character("q"), .character("Q"), .endOfInput: return .quit
      case .character("?"): return .help
      case .character("m"), .escape: return .outline
      case .character("h"): return .home
      case .interrupt: return nil
      case .resize, .other, .control, .tab, .backTab, .home, .end, .delete: continue
      case .character:
        transient = "Press Enter or space for the next page, b to go back, q to save and quit."
      }
    }
  }

  /// The lazy pages of a long lesson, kept while the same lesson is read at one width.
  func lazyPages(for screen: Screen) -> LazyPages {
    let key = LazyKey(location: screen.location, width: renderer.width, parts: screen.parts.count)
    if let cached = lazy, cached.key == key { return cached.pages }
    let pages = LazyPages(screen, width: renderer.width, unicode: renderer.unicode)
    lazy = (key, pages)
    return pages
  }

  // MARK: - Prompts

  /// A prompt for one line: the body paged above it (PgUp and PgDn scroll it), the arrow
  /// keys moving in the screen's list, a resize redrawing all of it with the answer typed
  /// so far.
  func lineEvent(_ screen: Screen) -> Event? {
    var editor = LineEditor()
    editor.instantKeys = screen.menuKeys
    // Nothing is highlighted until an arrow key is pressed (Enter means what the prompt
    // says); the first press goes to the screen's suggestion (the module Continue opens).
    var highlighted: Int?
    var scroll = 0
    var transient: String?
    var follow = false
    while true {
      let selected =
        screen.list?.picks == .several ? Self.numbers(in: editor.text, count: screen.list!.count) : []
      let body = renderer.layout(screen, highlighted: highlighted, selected: selected)
      let head = top(screen)
      let (rows, view) = promptRows(screen)
      var tail = bottom(screen, page: nil, transient: transient)
      var room = console.size.height - head.count - tail.count - rows.count - 1
      if body.lines.count > room {
        tail = bottom(screen, page: (0, 2), transient: transient)
        room = max(3, console.size.height - head.count - tail.count - rows.count - 1)
      }
      let pages = max(1, (body.lines.count + room - 1) / room)
      if follow, let highlighted, highlighted < body.options.count {
        // Scroll so the highlighted option shows.
        let option = body.options[highlighted]
        if option.lowerBound < scroll { scroll = option.lowerBound }
        if option.upperBound > scroll + room { scroll = option.upperBound - room }
      }
      follow = false
      scroll = max(0, min(scroll, body.lines.count - room))
      if pages > 1 {
        tail = bottom(screen, page: (min(pages - 1, (scroll + room - 1) / room), pages), transient: transient)
      }
      let window = Array(body.lines[scroll..<min(body.lines.count, scroll + room)])
      let all = head + window + tail + rows
      paint(all + [StyledLine()], input: all.count)
      transient = nil
      switch console.editLine(&editor, view: view) {
      case .submit(let text): return .line(text)
      case .endOfInput: return .quit
      case .interrupt: return nil
      case .resize: continue
      case .key(let key):
        switch key {
        case .up, .down:
          guard let list = screen.list else {
            scroll += key == .down ? 1 : -1
            continue
          }
          if let current = highlighted {
            highlighted = max(0, min(list.count - 1, current + (key == .down ? 1 : -1)))
          } else {
            highlighted = list.highlighted ?? (key == .down ? 0 : list.count - 1)
          }
          follow = true
          if list.picks == .one {
            editor.set("\(highlighted! + 1)")
          } else {
            editor.spaceIsKey = true
          }
        case .space:
          if let list = screen.list, let highlighted {
            var picked = Self.numberList(in: editor.text, count: list.count)
            if let at = picked.firstIndex(of: highlighted) {
              picked.remove(at: at)
            } else {
              picked.append(highlighted)
            }
            editor.set(picked.map { String($0 + 1) }.joined(separator: " "))
            editor.spaceIsKey = true
          }
        case .pageDown: scroll += room
        case .pageUp: scroll -= room
        case .escape:
          switch screen.kind {
          case .outline: return .line("")
          case .home, .setup: continue
          default: return .outline
          }
        case .character(let letter):
          switch letter {
          case "q": return .quit
          case "?": return .help
          case "m": return .outline
          case "h": return .home
          case "a": return .answers
          default: continue
          }
        default: continue
        }
      }
    }
  }

  /// The numbers typed in an answer (0-based, in order, once each, within the list).
  static func numberList(in text: String, count: Int) -> [Int] {
    var seen = Set<Int>()
    return text.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Int($0) }.map { $0 - 1 }
      .filter { (0..<count).contains($0) && seen.insert($0).inserted }
  }

  static func numbers(in text: String, count: Int) -> Set<Int> { Set(numberList(in: text, count: count)) }

  /// A reflection: the lines typed so far under the prompt, the newest at the bottom;
  /// every line kept in the bookmark when typing pauses; the length limit kept while
  /// reading.
  func reflectionEvent(_ screen: Screen, keep: (String) async -> Void) async -> Event? {
    var text = ReflectionText(limit: screen.lengthLimit, draft: screen.draft)
    var editor = LineEditor()
    var transient: String?
    var scrollBack = 0
    let marker = StyledLine("  ")
    let view = PromptView(prefix: marker.plain, prefixWidth: marker.width, width: console.size.width)
    while true {
      if !console.hasPendingInput {
        let head = top(screen)
        var content = renderer.body(screen)
        content.append(StyledLine())
        content += Wrapper(width: renderer.width).wrap([
          Span(renderer.prompt(screen) ?? "", [.bold, .accent])
        ])
        content += text.lines.flatMap {
          Wrapper(width: renderer.width).hardWrap(
            [Span($0)], first: [Span("  ")], rest: [Span("  ")], block: nil)
        }
        if text.over > 0 {
          content.append(StyledLine("  (\(text.over) characters over the limit, not kept)", [.warn]))
        }
        let tail = bottom(screen, page: nil, transient: transient)
        let room = max(3, console.size.height - head.count - tail.count - 1)
        // The newest lines show; PgUp looks further up.
        let end = max(room, content.count - scrollBack)
        let window = Array(content[max(0, end - room)..<min(content.count, end)])
        scrollBack = content.count - end
        paint(head + window + [StyledLine()] + tail, input: head.count + window.count)
        transient = nil
      }
      switch console.editLine(&editor, view: view) {
      case .submit(let line):
        editor = LineEditor()
        let trimmed = line.trimmed
        if trimmed.isEmpty { return text.isEmpty ? .line("") : text.finished }
        switch trimmed.lowercased() {
        case "/cut":
          text.cut()
          transient = "Removed the last line."
          await keep(text.text)
        case "/clear":
          text.clear()
          transient = "Cleared: start again."
          await keep(text.text)
        default:
          if AnswerParser.slashCommand(trimmed) != nil {
            await keep(text.text)
            return .line(trimmed)
          }
          text.add(line)
          if !console.hasPendingInput { await keep(text.text) }
        }
      case .endOfInput:
        return text.isEmpty ? .quit : text.finished
      case .interrupt:
        await keep(text.text)
        return nil
      case .resize: continue
      case .key(.pageUp): scrollBack += 5
      case .key(.pageDown): scrollBack = max(0, scrollBack - 5)
      case .key(.escape):
        await keep(text.text)
        return .outline
      case .key: continue
      }
    }
  }
}

/// What identifies the lesson a ``LazyPages`` was made for.
struct LazyKey: Equatable {
  var location: [String]
  var width: Int
  var parts: Int
}
