import CourseModel
import CourseProgress
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

  private var isPipe: Bool { width == Int.max }

  /// The line naming where the employee is, and how far along.
  public func header(_ screen: Screen) -> [StyledLine] {
    guard !screen.location.isEmpty else { return [] }
    let progress = screen.progress.map { " · " + $0 } ?? ""
    var location = screen.location.joined(separator: unicode ? " › " : " > ")
    if !isPipe {
      // One line: shorten the middle of the trail, never the progress.
      let room = max(10, width - TextWidth.of(progress))
      var parts = screen.location
      if TextWidth.of(location) > room && parts.count > 2 {
        // The course is known by now; the module and section matter more.
        parts.removeFirst()
        location = parts.joined(separator: unicode ? " › " : " > ")
      }
      while TextWidth.of(location) > room,
        let longest = parts.indices.max(by: { parts[$0].count < parts[$1].count }),
        parts[longest].count > 8
      {
        parts[longest] = String(parts[longest].prefix(parts[longest].count - 4)) + "…"
        location = parts.joined(separator: unicode ? " › " : " > ")
      }
      if TextWidth.of(location) > room { location = String(location.prefix(room - 1)) + "…" }
    }
    return [StyledLine([Span(location, [.bold, .accent]), Span(progress, [.dim])])]
  }

  /// The screen's body: help (when asked for), then its parts.
  public func body(_ screen: Screen) -> [StyledLine] {
    var lines: [StyledLine] = []
    if let help = screen.help {
      lines.append(StyledLine("Help", [.bold, .accent]))
      for line in help {
        lines += Wrapper(width: width).wrap([Span(line)], first: [Span("  ")], rest: [Span("    ")])
      }
      lines.append(StyledLine())
    }
    var offset = 0
    for part in screen.parts {
      var rendered = render(part)
      if case .blocks(let blocks) = part {
        // Number blocks across parts, so a page position names one place.
        for i in rendered.indices { rendered[i].block = rendered[i].block.map { $0 + offset } }
        offset += blocks.count
      }
      lines += rendered
    }
    while lines.last?.spans.isEmpty == true && lines.count > 1 && lines.last?.block == nil {
      lines.removeLast()
    }
    return lines
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

  /// The keys at the bottom of a terminal screen, wrapped to the width.
  public func footer(_ screen: Screen, page: (Int, Int)? = nil) -> [StyledLine] {
    var items: [String] = []
    if let (page, count) = page, count > 1 { items.append("page \(page + 1) of \(count)") }
    switch screen.input {
    case .keys(let back):
      items.append("Enter: next")
      if back || (page?.0 ?? 0) > 0 { items.append("b: back") }
      items += ["m: course home", "q: save and quit", "?: help"]
    case .line(let prompt):
      if prompt.hasSuffix("[Y/n]") {
        items += ["y or Enter: yes", "n: no", "q: save and quit"]
      } else if prompt.hasSuffix("[y/N]") {
        items += ["y: yes", "n or Enter: no", "q: save and quit"]
      } else {
        items +=
          screen.kind == .home
          ? ["q: quit", "?: help"] : ["Enter: send answer", "q: save and quit", "?: help"]
      }
    case .lines:
      items += ["empty line or Ctrl-D: finish", "Ctrl-C: save and quit"]
    case .none:
      break
    }
    let separator = unicode ? " · " : " | "
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
    let wrapper = Wrapper(width: width)
    switch part {
    case .text(let text, let tone):
      return wrapper.wrap([Span(text, self.tone(tone))])
    case .blocks(let blocks):
      return BlockRenderer(width: width, unicode: unicode).render(blocks)
    case .numbered(let items):
      let digits = String(items.count).count
      return items.enumerated().flatMap { n, item in
        let label = "\(n + 1). "
        let pad = isPipe ? "" : String(repeating: " ", count: digits - String(n + 1).count)
        return wrapper.wrap(
          [Span(item)], first: [Span(pad + label, [.accent])],
          rest: [Span(String(repeating: " ", count: digits + 2))])
      }
    case .lettered(let items):
      return items.enumerated().flatMap { n, item in
        let label = MatchParser.letter(n) + ". "
        return wrapper.wrap([Span(item)], first: [Span(label, [.accent])], rest: [Span("   ")])
      }
    case .modules(let modules, let next):
      return isPipe || width < 72 ? moduleList(modules, next: next) : moduleTable(modules, next: next)
    case .blank:
      return [StyledLine()]
    }
  }

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

  func moduleList(_ modules: [ModuleProgress], next: Int?) -> [StyledLine] {
    modules.flatMap { module -> [StyledLine] in
      var facts = [module.status.label]
      if module.status != .notForRole {
        facts.append("\(Int((module.fraction * 100).rounded()))% done")
        if let best = module.drill?.best { facts.append("drill \(Int((best * 100).rounded()))%") }
        if module.beliefsTotal > 0 { facts.append("beliefs \(beliefs(module))") }
        if module.hasCreed { facts.append("creed \(module.creedSigned ? "signed" : "not signed")") }
        if !module.status.isFinished { facts.append("about \(left(module)) left") }
      }
      let marker = module.index == next ? (unicode ? "▸ " : "> ") : "  "
      return Wrapper(width: width).wrap(
        [
          Span(marker), Span("\(module.index + 1). \(module.title)", module.index == next ? [.bold] : []),
          Span(": " + facts.joined(separator: "; "), statusStyle(module.status)),
        ],
        rest: [Span("     ")])
    }
  }

  func moduleTable(_ modules: [ModuleProgress], next: Int?) -> [StyledLine] {
    let narrow = width < 92
    let barCells = narrow ? 5 : 10
    let (barWidth, statusWidth, leftWidth, beliefsWidth) = (
      barCells + 3, narrow ? 18 : 19, narrow ? 7 : 8, narrow ? 8 : 9
    )
    let fixed = 2 + 4 + barWidth + statusWidth + leftWidth + beliefsWidth + 7
    let titleWidth = max(12, min(width, 100) - fixed)
    func cell(_ text: String, _ width: Int) -> String {
      let shown =
        TextWidth.of(text) > width - 1 ? String(text.prefix(width - 2)) + (unicode ? "…" : "~") : text
      return shown + String(repeating: " ", count: max(0, width - TextWidth.of(shown)))
    }
    var lines = [
      StyledLine(
        "  " + cell("#", 4) + cell("Module", titleWidth) + cell(narrow ? "Done" : "Progress", barWidth)
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
      lines.append(
        StyledLine([
          Span(isNext ? (unicode ? "▸ " : "> ") : "  ", [.accent, .bold]),
          Span(cell("\(module.index + 1)", 4), dim),
          Span(cell(module.title, titleWidth), isNext ? [.bold] : dim),
          Span(cell(bar, barWidth), statusStyle(module.status)),
          Span(cell(module.status.label, statusWidth), statusStyle(module.status)),
          Span(cell(left(module), leftWidth), dim),
          Span(cell(module.status == .notForRole ? "" : beliefs(module), beliefsWidth), dim),
          Span(module.status == .notForRole ? "" : creed(module), dim),
        ]))
    }
    return lines
  }
}
