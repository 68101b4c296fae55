import CourseModel

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The console for pipes, scripts and screen readers: line based, no colour, no screen
/// control. End of input ends the session (saved, exit 0).
public final class PipeConsole: Console {
  private let input: Int32
  private let output: Int32
  private var buffer: [UInt8] = []
  private var position = 0
  private var atEnd = false
  private var outputClosed = false
  /// Lines longer than this are cut (the rest is read and dropped); the answer parser
  /// then says the answer is too long.
  static let lineLimit = 4 << 20

  public init(input: Int32 = 0, output: Int32 = 1, installSignals: Bool = true) {
    self.input = input
    self.output = output
    if installSignals { Signals.install() }
  }

  public var isInteractive: Bool { false }
  public var size: (width: Int, height: Int) { (Int.max, Int.max) }
  public var usesColor: Bool { false }
  public var controlsScreen: Bool { false }

  public func write(_ text: String) {
    guard !outputClosed else { return }
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { raw in
        posixWrite(output, raw.baseAddress! + offset, raw.count - offset)
      }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 {
        outputClosed = true
        return
      }
      offset += n
    }
    bytes.removeAll()
  }

  public func clearScreen() {}

  public func readLine() -> LineInput {
    if outputClosed { return .endOfInput }
    var line: [UInt8] = []
    while true {
      if position >= buffer.count {
        if !atEnd, Signals.wait(for: input) == .signal {
          if Signals.stopSignal != nil { return .interrupt }
          _ = Signals.takeResize()
          continue
        }
        if atEnd || !fill() {
          atEnd = true
          return line.isEmpty ? .endOfInput : .text(Self.decode(line))
        }
      }
      if let newline = buffer[position...].firstIndex(of: 0x0A) {
        if line.count < Self.lineLimit { line += buffer[position..<min(newline, position + Self.lineLimit)] }
        position = newline + 1
        return .text(Self.decode(line))
      }
      if line.count < Self.lineLimit {
        line += buffer[position..<min(buffer.count, position + Self.lineLimit)]
      }
      position = buffer.count
    }
  }

  public func readKey() -> Key {
    switch readLine() {
    case .text(let text) where text.trimmed.lowercased() == "q": .character("q")
    case .text: .enter
    case .endOfInput: .endOfInput
    case .interrupt: .interrupt
    }
  }

  public var stopSignal: Int32? { Signals.stopSignal }

  public func restore() {}

  private func fill() -> Bool {
    buffer.removeAll(keepingCapacity: true)
    position = 0
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let n = chunk.withUnsafeMutableBytes { posixRead(input, $0.baseAddress!, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return false }
      buffer = Array(chunk[0..<n])
      return true
    }
  }

  static func decode(_ bytes: [UInt8]) -> String {
    var bytes = bytes
    if bytes.last == 0x0D { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
  }
}

@inline(__always) func posixWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
  write(fd, pointer, count)
}

@inline(__always) func posixRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
  read(fd, pointer, count)
}
