import Foundation

/// A POST to an LRS and its answer: what ``LRSClient`` needs of HTTP, behind a protocol
/// so tests can answer with failures of their choosing.
public protocol LRSTransport: Sendable {
  /// Sends one request; throws ``LRSTransportError`` when no HTTP answer came (no
  /// connection, a timeout, a TLS failure).
  func post(_ request: LRSRequest) async throws(LRSTransportError) -> LRSResponse
}

public struct LRSRequest: Sendable {
  public var url: URL
  public var headers: [String: String]
  public var body: Data

  public init(url: URL, headers: [String: String] = [:], body: Data = Data()) {
    self.url = url
    self.headers = headers
    self.body = body
  }
}

public struct LRSResponse: Sendable {
  public var status: Int
  /// Header names in lower case.
  public var headers: [String: String]
  public var body: Data

  public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
    self.status = status
    self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { $1 }
    self.body = body
  }
}

/// No HTTP answer: why, in plain words.
public struct LRSTransportError: Error, Sendable, Equatable {
  public var detail: String
  /// Whether sending again cannot help (an untrusted certificate), so it is not retried.
  public var isLasting: Bool

  public init(detail: String, isLasting: Bool = false) {
    self.detail = detail
    self.isLasting = isLasting
  }
}
