/// Writes indented JSON straight into bytes, keys in the order written, so the outline
/// reads in the contract's order.
///
/// Objects and arrays of objects take a line per member; an array of up to eight
/// scalars stays on one line (`["a", "b"]`). Strings escape what JSON requires and also
/// DEL, C1 controls and bidirectional overrides (as `\u0085`, `\u202e`), so printing the
/// outline on a terminal cannot act on course text.
///
/// The bytes go into one buffer of its own, each byte stored without the checks an array
/// append makes (the outline of a large course is millions of small writes). A writer
/// with a sink hands the buffer to it whenever it is full and starts it again, so the
/// outline of a large course is never whole in memory; without one, it grows by doubling.
struct JSONWriter: ~Copyable {
  /// Takes the bytes written since it was last called.
  typealias Sink = (UnsafeBufferPointer<UInt8>) -> Void

  private var base: UnsafeMutablePointer<UInt8>
  private var count = 0
  private var capacity: Int
  private let sink: Sink?
  /// A line feed and the deepest indent ``open()`` allows, for ``newLine()`` to copy from.
  private let lineStart: UnsafeMutablePointer<UInt8>
  private var indent = 0
  /// For each open container, innermost in the lowest bit: whether nothing has been
  /// written in it yet (a bit each, as an outline nests a handful of levels).
  private var empty: UInt64 = 0

  /// - Parameters:
  ///   - capacity: the buffer's size in bytes.
  ///   - sink: where the bytes go each time the buffer fills and at ``flush()``; with none,
  ///     they stay in the buffer for ``bytes``.
  init(capacity: Int = 0, sink: Sink? = nil) {
    self.capacity = max(capacity, 256)
    self.sink = sink
    base = .allocate(capacity: self.capacity)
    lineStart = .allocate(capacity: 1 + 2 * 64)
    lineStart.initialize(to: UInt8(ascii: "\n"))
    (lineStart + 1).initialize(repeating: UInt8(ascii: " "), count: 2 * 64)
  }

  deinit {
    base.deallocate()
    lineStart.deallocate()
  }

  /// The bytes written so far (since the last hand-over to the sink, if there is one).
  var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// Hands the bytes not yet handed over to the sink.
  mutating func flush() {
    guard let sink, count > 0 else { return }
    sink(UnsafeBufferPointer(start: base, count: count))
    count = 0
  }

  /// Opens an object as the next value (after ``key(_:)``, or as an array element).
  mutating func openObject() {
    put(UInt8(ascii: "{"))
    open()
  }

  mutating func closeObject() { close(UInt8(ascii: "}")) }

  /// Opens an array that takes a line per element.
  mutating func openArray() {
    put(UInt8(ascii: "["))
    open()
  }

  mutating func closeArray() { close(UInt8(ascii: "]")) }

  /// Starts the next element of an open array.
  mutating func element() { separate() }

  /// Ends the document with a line feed.
  mutating func newline() { put(UInt8(ascii: "\n")) }

  /// Starts a member of an open object.
  mutating func key(_ name: StaticString) {
    room(2 + indent + name.utf8CodeUnitCount + 4)  // the separator and the key, at once
    separate()
    store(UInt8(ascii: "\""))
    name.withUTF8Buffer { put($0) }
    store(UInt8(ascii: "\""))
    store(UInt8(ascii: ":"))
    store(UInt8(ascii: " "))
  }

  mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { writeString($0) }
  }

  mutating func int(_ value: Int) {
    if (0..<10).contains(value) {
      put(UInt8(ascii: "0") + UInt8(value))
    } else {
      var text = String(value)
      text.withUTF8 { put($0) }
    }
  }

  /// An array of strings: on one line when it has at most eight.
  mutating func strings(_ values: [String]) {
    scalars(values.count) { $0.string(values[$1]) }
  }

  /// An array of `count` strings, the string at each index given by `value`, without
  /// building the array first.
  mutating func strings(_ count: Int, _ value: (Int) -> String) {
    scalars(count) { $0.string(value($1)) }
  }

  /// An array of integers, laid out as ``strings(_:)``.
  mutating func ints(_ values: [Int]) {
    scalars(values.count) { $0.int(values[$1]) }
  }

  private mutating func scalars(_ count: Int, _ write: (inout JSONWriter, Int) -> Void) {
    if count == 0 {
      room(2)
      store(UInt8(ascii: "["))
      store(UInt8(ascii: "]"))
    } else if count <= 8 {
      put(UInt8(ascii: "["))
      for index in 0..<count {
        if index > 0 {
          room(2)
          store(UInt8(ascii: ","))
          store(UInt8(ascii: " "))
        }
        write(&self, index)
      }
      put(UInt8(ascii: "]"))
    } else {
      openArray()
      for index in 0..<count {
        element()
        write(&self, index)
      }
      closeArray()
    }
  }

  private mutating func open() {
    precondition(indent < 2 * 64, "the outline nests a handful of levels")  // a bit per level
    indent += 2
    empty = empty << 1 | 1
  }

  private mutating func close(_ bracket: UInt8) {
    indent -= 2
    let wasEmpty = empty & 1 != 0
    empty >>= 1
    room(2 + indent)
    if !wasEmpty { newLine() }
    store(bracket)
  }

  private mutating func separate() {
    room(2 + indent)
    if empty & 1 != 0 {
      empty &= ~1
    } else {
      store(UInt8(ascii: ","))
    }
    newLine()
  }

  /// A line feed and the indent, where ``room(_:)`` made room for them.
  @inline(__always)
  private mutating func newLine() {
    copy(UnsafeRawPointer(lineStart), 1 + indent)
  }

  /// Makes room for `needed` more bytes.
  @inline(__always)
  private mutating func room(_ needed: Int) {
    if count + needed > capacity { makeRoom(needed) }
  }

  /// Empties a full buffer into the sink, or grows it when there is no sink or `needed`
  /// is more than the buffer holds.
  private mutating func makeRoom(_ needed: Int) {
    flush()
    if count + needed > capacity { grow(count + needed) }
  }

  private mutating func grow(_ needed: Int) {
    var grown = capacity * 2
    while grown < needed { grown *= 2 }
    let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
    moved.initialize(from: base, count: count)
    base.deallocate()
    base = moved
    capacity = grown
  }

  /// Stores a byte where ``room(_:)`` made room for it.
  @inline(__always)
  private mutating func store(_ byte: UInt8) {
    (base + count).initialize(to: byte)
    count += 1
  }

  @inline(__always)
  private mutating func put(_ byte: UInt8) {
    room(1)
    store(byte)
  }

  private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let start = bytes.baseAddress, !bytes.isEmpty else { return }
    room(bytes.count)
    copy(UnsafeRawPointer(start), bytes.count)
  }

  /// Stores `length` bytes from `source` where ``room(_:)`` made room for them. Most
  /// writes are a few bytes, which two overlapping word moves copy faster than a call.
  @inline(__always)
  private mutating func copy(_ source: UnsafeRawPointer, _ length: Int) {
    let target = UnsafeMutableRawPointer(base + count)
    if length >= 8 && length <= 16 {
      target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
      target.storeBytes(
        of: source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self), toByteOffset: length - 8,
        as: UInt64.self)
    } else if length < 8 {
      for offset in 0..<length {
        target.storeBytes(
          of: source.load(fromByteOffset: offset, as: UInt8.self), toByteOffset: offset, as: UInt8.self)
      }
    } else {
      target.copyMemory(from: source, byteCount: length)
    }
    count += length
  }

  /// 1 for each byte a string cannot hold as it is: the quote, the backslash, C0, DEL,
  /// and the lead bytes of C1 (0xC2) and of the bidi controls (0xE2), looked at closer.
  private static let special: [UInt8] = (0...255).map { byte in
    byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F || byte == 0xC2 || byte == 0xE2 ? 1 : 0
  }

  /// Whether any of eight bytes is a control character, `"`, `\`, DEL or non-ASCII:
  /// anything but the printable ASCII a string holds as it is.
  private static func mayNeedEscape(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZero(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highs }
    let below20 = (word &- ones &* 0x20) & ~word & highs
    let above7E = ((word &+ ones) | word) & highs
    return below20 | above7E | hasZero(word ^ (ones &* 0x22)) | hasZero(word ^ (ones &* 0x5C)) != 0
  }

  /// Writes a quoted string: runs of plain bytes are copied at once.
  private mutating func writeString(_ source: UnsafeBufferPointer<UInt8>) {
    put(UInt8(ascii: "\""))
    let table = Self.special
    var runStart = 0
    var index = 0
    let count = source.count
    func escape(_ value: UInt32, to out: inout JSONWriter) {
      let digits: StaticString = "0123456789abcdef"
      out.room(6)
      out.store(UInt8(ascii: "\\"))
      out.store(UInt8(ascii: "u"))
      digits.withUTF8Buffer { hex in
        for shift in stride(from: 12, through: 0, by: -4) {
          out.store(hex[Int((value >> UInt32(shift)) & 0xF)])
        }
      }
    }
    let base = UnsafeRawPointer(source.baseAddress)
    while index < count {
      // Eight plain ASCII bytes at a time, then the rest of a word by table.
      if let base {
        while index + 8 <= count,
          !Self.mayNeedEscape(base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
        {
          index += 8
        }
      }
      let stop = Swift.min(count, index + 8)
      while index < stop && table[Int(source[index])] == 0 { index += 1 }
      guard index < count else { break }
      if index == stop { continue }
      let byte = source[index]
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        put(UnsafeBufferPointer(rebasing: source[runStart..<index]))
        room(2)
        store(UInt8(ascii: "\\"))
        store(byte)
        index += 1
      case 0x0A, 0x0D, 0x09:
        put(UnsafeBufferPointer(rebasing: source[runStart..<index]))
        room(2)
        store(UInt8(ascii: "\\"))
        store(byte == 0x0A ? UInt8(ascii: "n") : byte == 0x0D ? UInt8(ascii: "r") : UInt8(ascii: "t"))
        index += 1
      case 0xC2:
        guard index + 1 < count, (0x80...0x9F).contains(source[index + 1]) else {
          index += 1
          continue
        }
        put(UnsafeBufferPointer(rebasing: source[runStart..<index]))
        escape(UInt32(source[index + 1]), to: &self)
        index += 2
      case 0xE2:
        guard index + 2 < count, source[index + 1] & 0xF0 == 0x80 else {
          index += 1
          continue
        }
        let value = 0x2000 | (UInt32(source[index + 1] & 0x3F) << 6) | UInt32(source[index + 2] & 0x3F)
        guard (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) else {
          index += 1
          continue
        }
        put(UnsafeBufferPointer(rebasing: source[runStart..<index]))
        escape(value, to: &self)
        index += 3
      default:
        // The other C0 controls and DEL.
        put(UnsafeBufferPointer(rebasing: source[runStart..<index]))
        escape(UInt32(byte), to: &self)
        index += 1
      }
      runStart = index
    }
    put(UnsafeBufferPointer(rebasing: source[runStart..<count]))
    put(UInt8(ascii: "\""))
  }
}
