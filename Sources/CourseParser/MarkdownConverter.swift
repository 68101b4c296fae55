import CCmark
import CourseModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns Markdown text into ``Block`` values with cmark.
///
/// This is the only code in coach that sees a cmark pointer: ``parse(_:file:)`` creates
/// the tree, walks it once with `cmark_iter`, copies every node into Swift values and
/// frees the tree before it returns. The walk keeps its own stack, so deep nesting cannot
/// overflow the call stack; containers nested deeper than ``maximumDepth`` are flattened
/// into their nearest kept ancestor. cmark's memory for a parse comes from a
/// ``ParseArena``, so the whole tree is freed at once.
enum MarkdownConverter {
  /// Block quotes, lists and inline wrappers deeper than this are flattened.
  static let maximumDepth = 48

  /// Parses CommonMark text. Parsing never fails: all text is Markdown.
  /// - Parameters:
  ///   - text: the Markdown source, after any front matter.
  ///   - file: the path recorded in every block's ``SourceLocation``.
  ///   - lineOffset: lines that came before `text` in the file (the front matter's).
  /// - Returns: the document's top-level blocks.
  static func parse(_ text: Substring, file: String, lineOffset: Int = 0) -> [Block] {
    let arena = ParseArena.begin()
    defer { ParseArena.end(arena) }  // frees the parser, the tree and the iterator
    guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, ParseArena.memory) else { return [] }
    var text = text
    text.withUTF8 { bytes in
      bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
    }
    let root = cmark_parser_finish(parser)
    cmark_parser_free(parser)
    guard let root, let iterator = cmark_iter_new(root) else { return [] }

    var stack = [Frame(kind: .document, location: nil)]
    stack[0].reserve(childCount(root))
    var skipped: [Bool] = [false]  // whether each entered container was flattened
    while true {
      let event = cmark_iter_next(iterator)
      if event == CMARK_EVENT_DONE { break }
      guard let node = cmark_iter_get_node(iterator) else { continue }
      let type = cmark_node_get_type(node)
      if type == CMARK_NODE_DOCUMENT { continue }
      if event == CMARK_EVENT_EXIT {
        if skipped.removeLast() { continue }
        var finished = stack.removeLast()
        finished.close(into: &stack[stack.count - 1])
        continue
      }
      // CMARK_EVENT_ENTER. Only blocks keep where they start: inlines never ask.
      let location =
        isBlock(type)
        ? SourceLocation(
          file: file, line: Int(cmark_node_get_start_line(node)) + lineOffset,
          column: Int(cmark_node_get_start_column(node))) : nil
      if appendLeaf(node, type: type, location: location, to: &stack[stack.count - 1]) { continue }
      let flatten = stack.count > maximumDepth && Frame.isFlattenable(type)
      skipped.append(flatten)
      if !flatten {
        // Built in place: a copy would share the reserved buffers and force a reallocation.
        stack.append(Frame(node: node, type: type, location: location))
        stack[stack.count - 1].reserve(childCount(node))
      }
    }
    return stack.first?.blocks ?? []
  }

  /// Whether a node is a block (its location is kept), not an inline.
  private static func isBlock(_ type: cmark_node_type) -> Bool {
    type.rawValue >= CMARK_NODE_FIRST_BLOCK.rawValue && type.rawValue <= CMARK_NODE_LAST_BLOCK.rawValue
  }

  /// Appends a node that has no children (and gets no exit event) to its parent.
  /// - Returns: `false` for a container, which the caller enters.
  private static func appendLeaf(
    _ node: OpaquePointer, type: cmark_node_type, location: SourceLocation?, to parent: inout Frame
  ) -> Bool {
    switch type {
    case CMARK_NODE_TEXT: parent.inlines.append(.text(literal(node)))
    case CMARK_NODE_CODE: parent.inlines.append(.code(literal(node)))
    case CMARK_NODE_HTML_INLINE: parent.inlines.append(.html(literal(node)))
    case CMARK_NODE_SOFTBREAK: parent.inlines.append(.softBreak)
    case CMARK_NODE_LINEBREAK: parent.inlines.append(.lineBreak)
    case CMARK_NODE_CODE_BLOCK:
      parent.blocks.append(
        Block(.codeBlock(info: string(cmark_node_get_fence_info(node)), code: literal(node)), at: location))
    case CMARK_NODE_HTML_BLOCK: parent.blocks.append(Block(.htmlBlock(literal(node)), at: location))
    case CMARK_NODE_THEMATIC_BREAK: parent.blocks.append(Block(.thematicBreak, at: location))
    default: return false
    }
    return true
  }

  /// How many children a node has, so arrays are allocated once at their final size.
  private static func childCount(_ node: OpaquePointer) -> Int {
    var count = 0
    var child = cmark_node_first_child(node)
    while let current = child {
      count += 1
      child = cmark_node_next(current)
    }
    return count
  }

  private static func literal(_ node: OpaquePointer) -> String { string(cmark_node_get_literal(node)) }

  private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
  }

  /// A container being filled while the walk is inside it.
  private struct Frame {
    enum Kind {
      case document, paragraph, blockQuote, item, custom
      case heading(Int)
      case list(ordered: Bool, start: Int, tight: Bool)
      case emphasis, strong
      case link(String, String), image(String, String)
    }

    let kind: Kind
    let location: SourceLocation?
    var blocks: [Block] = []
    var inlines: [Inline] = []
    var items: [[Block]] = []

    init(kind: Kind, location: SourceLocation?) {
      self.kind = kind
      self.location = location
    }

    init(node: OpaquePointer, type: cmark_node_type, location: SourceLocation?) {
      let kind: Kind =
        switch type {
        case CMARK_NODE_PARAGRAPH: .paragraph
        case CMARK_NODE_BLOCK_QUOTE: .blockQuote
        case CMARK_NODE_ITEM: .item
        case CMARK_NODE_HEADING: .heading(Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_LIST:
          .list(
            ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
            start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_EMPH: .emphasis
        case CMARK_NODE_STRONG: .strong
        case CMARK_NODE_LINK:
          .link(
            MarkdownConverter.string(cmark_node_get_url(node)),
            MarkdownConverter.string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
          .image(
            MarkdownConverter.string(cmark_node_get_url(node)),
            MarkdownConverter.string(cmark_node_get_title(node)))
        default: .custom
        }
      self.init(kind: kind, location: location)
    }

    /// Containers that may be flattened when nested too deeply.
    static func isFlattenable(_ type: cmark_node_type) -> Bool {
      switch type {
      case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM, CMARK_NODE_EMPH, CMARK_NODE_STRONG,
        CMARK_NODE_LINK, CMARK_NODE_IMAGE, CMARK_NODE_CUSTOM_BLOCK, CMARK_NODE_CUSTOM_INLINE:
        true
      default: false
      }
    }

    /// Reserves room for `count` children in the array this kind of frame fills.
    mutating func reserve(_ count: Int) {
      guard count > 1 else { return }
      switch kind {
      case .document, .blockQuote, .item, .custom: blocks.reserveCapacity(count)
      case .list: items.reserveCapacity(count)
      case .paragraph, .heading, .emphasis, .strong, .link, .image: inlines.reserveCapacity(count)
      }
    }

    /// Hands the finished node to its parent: a block, an inline, or a list item.
    /// Children of a flattened container land in the nearest kept ancestor. The
    /// frame's arrays are moved out (swapped for empty ones), not copied.
    mutating func close(into parent: inout Frame) {
      var inlines: [Inline] = []
      var blocks: [Block] = []
      switch kind {
      case .document, .custom: break
      case .paragraph:
        swap(&inlines, &self.inlines)
        parent.blocks.append(Block(.paragraph(inlines), at: location))
      case .heading(let level):
        swap(&inlines, &self.inlines)
        parent.blocks.append(Block(.heading(level: level, inlines), at: location))
      case .blockQuote:
        swap(&blocks, &self.blocks)
        parent.blocks.append(Block(.blockQuote(blocks), at: location))
      case .item:
        swap(&blocks, &self.blocks)
        if case .list = parent.kind { parent.items.append(blocks) } else { parent.blocks += blocks }
      case .list(let ordered, let start, let tight):
        var items: [[Block]] = []
        swap(&items, &self.items)
        parent.blocks.append(
          Block(.list(ordered: ordered, start: start, tight: tight, items: items), at: location))
      case .emphasis:
        swap(&inlines, &self.inlines)
        parent.inlines.append(.emphasis(inlines))
      case .strong:
        swap(&inlines, &self.inlines)
        parent.inlines.append(.strong(inlines))
      case .link(let url, let title):
        swap(&inlines, &self.inlines)
        parent.inlines.append(.link(destination: url, title: title, inlines))
      case .image(let url, let title):
        swap(&inlines, &self.inlines)
        parent.inlines.append(.image(source: url, title: title, inlines))
      }
    }
  }
}

/// cmark's memory during one parse: a bump allocator whose `free` does nothing, released
/// all at once when the parse is over.
///
/// cmark allocates and frees a node, a buffer or a string for nearly everything it reads;
/// with the C library's allocator that bookkeeping (and freeing the tree node by node)
/// cost as much as the parse. cmark's allocator callbacks carry no context, so each
/// thread's current arena is found through a thread-specific key: modules are parsed on
/// several threads at once.
private struct ParseArena {
  /// cmark's allocator functions, which use the calling thread's arena.
  nonisolated(unsafe) static let memory: UnsafeMutablePointer<cmark_mem> = {
    let memory = UnsafeMutablePointer<cmark_mem>.allocate(capacity: 1)
    memory.initialize(
      to: cmark_mem(
        calloc: { count, size in current.pointee.allocate(count * size, zeroed: true) },
        realloc: { pointer, size in current.pointee.reallocate(pointer, size) },
        free: { _ in }))
    return memory
  }()

  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key, nil)
    return key
  }()

  private static var current: UnsafeMutablePointer<ParseArena> {
    pthread_getspecific(key)!.assumingMemoryBound(to: ParseArena.self)
  }

  private static let chunkSize = 1 << 20
  /// Each allocation is preceded by its size, for `realloc`.
  private static let header = 16

  private var chunks: [UnsafeMutableRawPointer] = []
  private var cursor = 0
  private var end = 0
  /// The latest allocation, which `realloc` may grow in place.
  private var last = 0

  /// Makes a new arena the calling thread's current one.
  static func begin() -> UnsafeMutablePointer<ParseArena> {
    let arena = UnsafeMutablePointer<ParseArena>.allocate(capacity: 1)
    arena.initialize(to: ParseArena())
    pthread_setspecific(key, arena)
    return arena
  }

  /// Frees everything allocated in `arena`.
  static func end(_ arena: UnsafeMutablePointer<ParseArena>) {
    pthread_setspecific(key, nil)
    for chunk in arena.pointee.chunks { free(chunk) }
    arena.deinitialize(count: 1)
    arena.deallocate()
  }

  private static func rounded(_ size: Int) -> Int { (max(size, 1) + 15) & ~15 }

  /// Hands out `size` bytes, cleared when `zeroed` (for cmark's `calloc`).
  mutating func allocate(_ size: Int, zeroed: Bool = false) -> UnsafeMutableRawPointer? {
    let size = Self.rounded(size)
    if cursor + Self.header + size > end {
      let length = max(Self.chunkSize, size + Self.header)
      guard let chunk = malloc(length) else { return nil }
      chunks.append(chunk)
      cursor = Int(bitPattern: chunk)
      end = cursor + length
    }
    let start = cursor + Self.header
    UnsafeMutableRawPointer(bitPattern: cursor)!.storeBytes(of: size, as: Int.self)
    cursor = start + size
    last = start
    let pointer = UnsafeMutableRawPointer(bitPattern: start)!
    if zeroed { memset(pointer, 0, size) }
    return pointer
  }

  mutating func reallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    guard let pointer else { return allocate(size) }
    let start = Int(bitPattern: pointer)
    let header = UnsafeMutableRawPointer(bitPattern: start - Self.header)!
    let old = header.load(as: Int.self)
    if size <= old { return pointer }
    let grown = Self.rounded(size)
    if start == last && start + grown <= end {
      header.storeBytes(of: grown, as: Int.self)
      cursor = start + grown
      return pointer
    }
    guard let moved = allocate(size) else { return nil }
    moved.copyMemory(from: pointer, byteCount: old)
    return moved
  }
}
