import CourseModel
import CourseProgress
import Foundation
import SessionEngine

/// Lays a ``Screen`` out as lines: the same text for the terminal (wrapped, styled) and
/// for pipe mode (unwrapped, plain, one option a line).
public struct ScreenRenderer: Sendable {
  /// Columns to wrap to; `Int.max` in pipe mode.
  public var width: Int
  /// Whether lines carry ANSI styles (a colour terminal with `NO_COLOR` unset).
  public var ansi: Bool
  /// Whether to draw with Unicode (bars, bullets, rules).
  public var unicode: Bool

  public init(width: Int, ansi: Bool, unicode: Bool) {
    self.width = width
    self.ansi = ansi
    self.unicode = unicode
  }

  /// The pipe-mode renderer: no wrapping, no styles, ASCII drawing.
  public static let plain = ScreenRenderer(width: Int.max, ansi: false, unicode: false)

  var isPipe: Bool { width == Int.max }

  /// The line naming where the employee is, and how far along.
  public func header(_ screen: Screen) -> [StyledLine] {
    guard !screen.location.isEmpty else { return [] }
    let progress = screen.progress.map { " · " + $0 } ?? ""
    let separator = unicode ? " › " : " > "
    var location = screen.location.joined(separator: separator)
    if !isPipe {
      // One line: shorten the middle of the trail, never the progress.
      let room = max(10, width - TextWidth.of(progress))
      var parts = screen.location
      if TextWidth.of(location) > room && parts.count > 2 {
        // The course is known by now; the module and section matter more.
        parts.removeFirst()
        location = parts.joined(separator: separator)
      }
      if TextWidth.of(location) > room {
        // "Module 3 of 13: Title" becomes "3. Title".
        parts = parts.map(Self.shortModuleLabel)
        location = parts.joined(separator: separator)
      }
      while TextWidth.of(location) > room,
        let longest = parts.indices.max(by: { parts[$0].count < parts[$1].count }),
        parts[longest].count > 8
      {
        parts[longest] = String(parts[longest].prefix(parts[longest].count - 4)) + "…"
        location = parts.joined(separator: separator)
      }
      if TextWidth.of(location) > room { location = String(location.prefix(room - 1)) + "…" }
    }
    return [StyledLine([Span(location, [.bold, .accent]), Span(progress, [.dim])])]
  }

  /// "Module 3 of 13: Title" as "3. Title"; anything else as it is.
  static func shortModuleLabel(_ part: String) -> String {
    guard part.hasPrefix("Module "), let colon = part.range(of: ": ") else { return part }
    let words = part[..<colon.lowerBound].split(separator: " ")
    guard words.count == 4, words[2] == "of", let n = Int(words[1]), Int(words[3]) != nil else { return part }
    return "\(n). " + part[colon.upperBound...]
  }

  /// The lines of a screen's body, and where each option of its pick list starts and
  /// ends (for the terminal to highlight one and scroll to it).
  public struct Body: Sendable {
    public var lines: [StyledLine]
    /// Line ranges of the options of ``Screen/list``, in order.
    public var options: [Range<Int>] = []
  }

  /// The screen's body: help (when asked for), then its parts.
  public func body(_ screen: Screen) -> [StyledLine] { layout(screen).lines }

  /// The screen's body with option `highlighted` of its list shown in reverse and the
  /// options numbered in `selected` ticked.
  public func layout(_ screen: Screen, highlighted: Int? = nil, selected: Set<Int> = []) -> Body {
    var body = Body(lines: [])
    if let help = screen.help {
      body.lines.append(StyledLine("Help", [.bold, .accent]))
      for line in help {
        body.lines += Wrapper(width: width).wrap([Span(line)], first: [Span("  ")], rest: [Span("    ")])
      }
      body.lines.append(StyledLine())
    }
    var offset = 0
    for (n, part) in screen.parts.enumerated() {
      let isList = screen.list?.part == n
      var options: [Range<Int>] = []
      var rendered = render(
        part, highlighted: isList ? highlighted : nil, selected: isList ? selected : [], options: &options)
      if case .blocks(let blocks) = part {
        // Number blocks across parts, so a page position names one place.
        for i in rendered.indices { rendered[i].block = rendered[i].block.map { $0 + offset } }
        offset += blocks.count
      }
      if isList {
        body.options = options.map { ($0.lowerBound + body.lines.count)..<($0.upperBound + body.lines.count) }
      }
      body.lines += rendered
    }
    while body.lines.last?.spans.isEmpty == true && body.lines.count > 1 && body.lines.last?.block == nil {
      body.lines.removeLast()
    }
    return body
  }

  /// The body's lines one at a time, as ``body(_:)`` gives them, rendering a part (and a
  /// block of Markdown) only when the lines before it are out: pipe mode writes a lesson
  /// of any size without holding it as lines.
  public func forEachBodyLine(_ screen: Screen, _ write: (StyledLine) -> Void) {
    var blanks: [StyledLine] = []
    var any = false
    func emit(_ line: StyledLine) {
      if line.spans.isEmpty && line.block == nil {
        blanks.append(line)
        return
      }
      for blank in blanks { write(blank) }
      blanks = []
      write(line)
      any = true
    }
    if let help = screen.help {
      emit(StyledLine("Help", [.bold, .accent]))
      for line in help {
        for wrapped in Wrapper(width: width).wrap([Span(line)], first: [Span("  ")], rest: [Span("    ")]) {
          emit(wrapped)
        }
      }
      emit(StyledLine())
    }
    let blocks = BlockRenderer(width: width, unicode: unicode)
    for part in screen.parts {
      if case .blocks(let list) = part {
        var first = true
        for block in list {
          let lines = blocks.render([block])
          if lines.isEmpty { continue }
          if !first { emit(StyledLine(block: 0)) }
          first = false
          lines.forEach(emit)
        }
      } else {
        render(part).forEach(emit)
      }
    }
    if !any, let blank = blanks.first { write(blank) }
  }

  /// The prompt line, `? ...`, or `nil` on screens that wait for a key.
  public func prompt(_ screen: Screen) -> String? {
    switch screen.input {
    case .line(let prompt), .lines(let prompt): "? " + prompt
    case .keys, .none: nil
    }
  }

  /// The notice (a one-line hint after bad input), styled.
  public func notice(_ screen: Screen) -> StyledLine? {
    screen.notice.map { StyledLine((unicode ? "⚠ " : "! ") + $0, [.warn]) }
  }

  // MARK: - Footer

  /// The keys at the bottom of a terminal screen, most important first, wrapped to the
  /// width; `compact` keeps to one line (a short terminal), dropping what does not fit
  /// (`?` still shows them all).
  public func footer(_ screen: Screen, page: (Int, Int)? = nil, label: String? = nil, compact: Bool = false)
    -> [StyledLine]
  {
    var items: [String] = []
    if let label {
      items.append(label)
    } else if let (page, count) = page, count > 1 {
      items.append("page \(page + 1) of \(count)")
    }
    let arrows = unicode ? "↑↓" : "up/down"
    switch screen.input {
    case .keys(let back):
      items.append("Enter: next")
      if back || (page?.0 ?? 0) > 0 { items.append("b: back") }
      items += screen.navigation == .review ? ["h: end review"] : ["m: outline", "h: home"]
      items += ["q: save and quit", "?: help"]
    case .line(let prompt):
      if let page, page.1 > 1 { items.append("PgDn/PgUp: more") }
      if screen.list != nil { items.append("\(arrows): choose") }
      if screen.list?.picks == .several { items.append("space: add") }
      switch screen.kind {
      case .home:
        items += ["m: outline", "q: save and quit", "?: help"]
      case .outline:
        items += ["a: your answers", "h: home", "q: save and quit", "?: help"]
      default:
        if prompt.hasSuffix("[Y/n]") {
          items += ["y or Enter: yes", "n: no"]
        } else if prompt.hasSuffix("[y/N]") {
          items += ["y: yes", "n or Enter: no"]
        } else {
          items.append("Enter: send")
        }
        if screen.kind == .setup {
          // No course is open yet: nothing to go to, nothing of a course to save.
          items += ["q: quit", "?: help"]
        } else {
          items += screen.navigation == .review ? ["/h: end review"] : ["/m: outline", "/h: home"]
          items += ["q: save and quit", "?: help"]
        }
      }
    case .lines:
      if let page, page.1 > 1 { items.append("PgDn/PgUp: more") }
      items += [
        "empty line: finish", "/skip", "/m: outline", "/h: home", "Ctrl-C: save and quit", "/?: help",
      ]
    case .none:
      break
    }
    let separator = unicode ? " · " : " | "
    if compact {
      // One line: what fits, in order, and always the help, which lists every key.
      let help = items.last { $0.hasSuffix("help") }
      var kept: [String] = []
      for item in items where item != help {
        let candidate = (kept + [item] + (help.map { [$0] } ?? [])).joined(separator: separator)
        if TextWidth.of(candidate) <= width { kept.append(item) }
      }
      return [StyledLine((kept + (help.map { [$0] } ?? [])).joined(separator: separator), [.dim])]
    }
    var lines: [StyledLine] = []
    var current = ""
    for item in items {
      let candidate = current.isEmpty ? item : current + separator + item
      if TextWidth.of(candidate) > width && !current.isEmpty {
        lines.append(StyledLine(current, [.dim]))
        current = item
      } else {
        current = candidate
      }
    }
    lines.append(StyledLine(current, [.dim]))
    return lines
  }

  // MARK: - Parts

  func tone(_ tone: Screen.Tone) -> TextStyle {
    switch tone {
    case .plain: []
    case .title: [.heading]
    case .dim: [.dim]
    case .good: [.good, .bold]
    case .bad: [.bad, .bold]
    case .warn: [.warn]
    case .accent: [.accent]
    case .prompt: [.bold]
    }
  }

  func render(_ part: Screen.Part) -> [StyledLine] {
    var options: [Range<Int>] = []
    return render(part, highlighted: nil, selected: [], options: &options)
  }

  func render(_ part: Screen.Part, highlighted: Int?, selected: Set<Int>, options: inout [Range<Int>])
    -> [StyledLine]
  {
    let wrapper = Wrapper(width: width)
    switch part {
    case .text(let text, let tone):
      return wrapper.wrap([Span(text, self.tone(tone))])
    case .indented(let text, let tone):
      return wrapper.wrap([Span(text, self.tone(tone))], first: [Span("    ")], rest: [Span("    ")])
    case .blocks(let blocks):
      return BlockRenderer(width: width, unicode: unicode).render(blocks)
    case .numbered(let items):
      return numbered(
        items.map { [Span($0)] }, highlighted: highlighted, selected: selected, options: &options)
    case .described(let items):
      return numbered(
        items.map { item in
          [Span(item.text), Span(" · " + item.state, item.done ? [.good] : [.dim])]
        }, highlighted: highlighted, selected: selected, options: &options)
    case .reviewed(let items):
      return numbered(
        items.map { item in
          var spans = [Span(item.text)]
          if let words = item.words {
            spans.append(Span(" — " + words, item.isMiss ? [.bad] : [.good]))
          }
          return spans
        }, highlighted: nil, selected: [], options: &options)
    case .lettered(let items):
      return items.enumerated().flatMap { n, item in
        let label = MatchParser.letter(n) + ". "
        return wrapper.wrap([Span(item)], first: [Span(label, [.accent])], rest: [Span("   ")])
      }
    case .modules(let modules, let next):
      return isPipe || width < 72
        ? moduleList(modules, next: next, highlighted: highlighted, options: &options)
        : moduleTable(modules, next: next, highlighted: highlighted, options: &options)
    case .compared(let items):
      return compared(items)
    case .summary(let summary):
      return SummaryRenderer(renderer: self).render(summary)
    case .blank:
      return [StyledLine()]
    }
  }

  /// Options numbered from 1 (padded to one width on a terminal); the highlighted one in
  /// reverse, the selected ones ticked.
  func numbered(
    _ items: [[Span]], highlighted: Int?, selected: Set<Int>, options: inout [Range<Int>]
  ) -> [StyledLine] {
    let digits = String(items.count).count
    var lines: [StyledLine] = []
    for (n, spans) in items.enumerated() {
      let label = "\(n + 1). "
      let pad = isPipe ? "" : String(repeating: " ", count: digits - String(n + 1).count)
      let isHighlighted = n == highlighted
      let tick = selected.isEmpty || isPipe ? "" : selected.contains(n) ? (unicode ? "✓ " : "x ") : "  "
      var first = [Span(pad + label, [.accent])]
      if !tick.isEmpty { first.append(Span(tick, [.good])) }
      var body = spans
      if isHighlighted { body = body.map { Span($0.text, $0.style.union(.inverse)) } }
      let start = lines.count
      lines += Wrapper(width: width).wrap(
        body, first: first, rest: [Span(String(repeating: " ", count: digits + 2 + TextWidth.of(tick)))])
      if isHighlighted, let marker = lines.indices.last.map({ _ in start }) {
        // The row's number in reverse too, so the highlight shows without colour.
        lines[marker].spans = lines[marker].spans.map { Span($0.text, $0.style.union(.inverse)) }
      }
      options.append(start..<lines.count)
    }
    return lines
  }

  /// A before-and-after: each statement, then what was answered earlier and now, side
  /// by side on one line when it fits.
  func compared(_ items: [Screen.Comparison]) -> [StyledLine] {
    let wrapper = Wrapper(width: width)
    var lines: [StyledLine] = []
    for item in items {
      if !item.statement.isEmpty {
        lines += wrapper.wrap(
          [Span(item.statement)], first: [Span(unicode ? "• " : "- ", [.dim])], rest: [Span("  ")])
      }
      var spans: [Span] = []
      let arrow = unicode ? " → " : " -> "
      if let before = item.before {
        spans.append(Span("\(item.beforeLabel ?? "before"): \(before)", [.dim]))
        spans.append(Span(arrow, [.dim]))
      }
      spans.append(Span("now: \(item.now ?? "not answered")", [.accent]))
      lines += wrapper.wrap(spans, first: [Span("    ")], rest: [Span("    ")])
    }
    return lines
  }

  // MARK: - The course home

  func statusStyle(_ status: ModuleProgress.Status) -> TextStyle {
    switch status {
    case .passed, .completed: [.good]
    case .retry: [.warn]
    case .inProgress: [.accent]
    case .notStarted: []
    case .notForRole: [.dim]
    }
  }

  func left(_ module: ModuleProgress) -> String {
    module.status.isFinished
      ? (module.status == .notForRole ? "" : "done") : "\(max(module.minutesLeft, 1)) min"
  }

  func beliefs(_ module: ModuleProgress) -> String {
    module.beliefsTotal == 0 ? "-" : "\(module.beliefsAnswered)/\(module.beliefsTotal)"
  }

  func creed(_ module: ModuleProgress) -> String {
    module.hasCreed ? (module.creedSigned ? "signed" : "to sign") : "-"
  }

  /// The modules as a list: the title on its own, what is known about it after it
  /// (pipe mode, and terminals narrower than 72 columns).
  func moduleList(_ modules: [ModuleProgress], next: Int?, highlighted: Int?, options: inout [Range<Int>])
    -> [StyledLine]
  {
    var lines: [StyledLine] = []
    let digits = String(modules.count).count
    for module in modules {
      var facts = [module.status.label]
      if module.status != .notForRole {
        facts.append("\(Int((module.fraction * 100).rounded()))% done")
        if let best = module.drill?.best { facts.append("drill \(Int((best * 100).rounded()))%") }
        if module.beliefsTotal > 0 { facts.append("beliefs \(beliefs(module))") }
        if module.hasCreed { facts.append("creed \(module.creedSigned ? "signed" : "not signed")") }
        if !module.status.isFinished { facts.append("about \(left(module)) left") }
      }
      let marker = module.index == next ? (unicode ? "▸ " : "> ") : "  "
      let number = "\(module.index + 1). "
      let pad = isPipe ? "" : String(repeating: " ", count: digits - String(module.index + 1).count)
      let isHighlighted = module.index == highlighted
      var titleStyle: TextStyle = module.index == next ? [.bold] : []
      if isHighlighted { titleStyle.insert(.inverse) }
      let start = lines.count
      if isPipe {
        lines += Wrapper(width: width).wrap([
          Span(marker), Span("\(number)\(module.title)", titleStyle),
          Span(": " + facts.joined(separator: "; "), statusStyle(module.status)),
        ])
      } else {
        let indent = [Span(String(repeating: " ", count: 2 + digits + 2))]
        lines += Wrapper(width: width).wrap(
          [Span(module.title, titleStyle)],
          first: [Span(marker, [.accent, .bold]), Span(pad + number, [.accent])],
          rest: indent)
        lines += Wrapper(width: width).wrap(
          [Span(facts.joined(separator: " · "), statusStyle(module.status))], first: indent, rest: indent)
      }
      options.append(start..<lines.count)
    }
    return lines
  }

  /// The modules as a table (terminals 72 columns wide or more): a title too long for
  /// its column goes on to the next lines of its row, never cut.
  func moduleTable(_ modules: [ModuleProgress], next: Int?, highlighted: Int?, options: inout [Range<Int>])
    -> [StyledLine]
  {
    let narrow = width < 92
    let barCells = narrow ? 5 : 10
    let numberWidth = max(4, String(modules.count).count + 2)
    let (barWidth, statusWidth, leftWidth, beliefsWidth) = (
      barCells + 3, narrow ? 18 : 19, narrow ? 7 : 8, narrow ? 8 : 9
    )
    let fixed = 2 + numberWidth + barWidth + statusWidth + leftWidth + beliefsWidth + 7
    let titleWidth = max(12, min(width, 120) - fixed)
    func cell(_ text: String, _ width: Int) -> String {
      let shown =
        TextWidth.of(text) > width - 1 ? String(text.prefix(width - 2)) + (unicode ? "…" : "~") : text
      return shown + String(repeating: " ", count: max(0, width - TextWidth.of(shown)))
    }
    func pad(_ text: String, _ width: Int) -> String {
      text + String(repeating: " ", count: max(0, width - TextWidth.of(text)))
    }
    var lines = [
      StyledLine(
        "  " + cell("#", numberWidth) + cell("Module", titleWidth)
          + cell(narrow ? "Done" : "Progress", barWidth)
          + cell("Status", statusWidth) + cell("Left", leftWidth) + cell("Beliefs", beliefsWidth) + "Creed",
        [.dim])
    ]
    for module in modules {
      let isNext = module.index == next
      let filled = Int((module.fraction * Double(barCells)).rounded(.down))
      let bar =
        module.status == .notForRole
        ? String(repeating: unicode ? "·" : ".", count: barCells)
        : String(repeating: unicode ? "█" : "#", count: filled)
          + String(repeating: unicode ? "░" : "-", count: barCells - filled)
      let dim: TextStyle = module.status == .notForRole ? [.dim] : []
      var titleStyle: TextStyle = isNext ? [.bold] : dim
      if module.index == highlighted { titleStyle.insert(.inverse) }
      // The title wrapped to its column; the other cells stand on its first line.
      let titleLines = Wrapper(width: titleWidth - 1).wrap([Span(module.title)]).map(\.plain)
      let start = lines.count
      for (n, title) in titleLines.enumerated() {
        if n == 0 {
          lines.append(
            StyledLine([
              Span(isNext ? (unicode ? "▸ " : "> ") : "  ", [.accent, .bold]),
              Span(cell("\(module.index + 1)", numberWidth), dim),
              Span(pad(title, titleWidth), titleStyle),
              Span(cell(bar, barWidth), statusStyle(module.status)),
              Span(cell(module.status.label, statusWidth), statusStyle(module.status)),
              Span(cell(left(module), leftWidth), dim),
              Span(cell(module.status == .notForRole ? "" : beliefs(module), beliefsWidth), dim),
              Span(module.status == .notForRole ? "" : creed(module), dim),
            ]))
        } else {
          lines.append(
            StyledLine([
              Span(String(repeating: " ", count: 2 + numberWidth)), Span(pad(title, titleWidth), titleStyle),
            ]))
        }
      }
      options.append(start..<lines.count)
    }
    return lines
  }
}
