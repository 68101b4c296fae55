import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

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

  public init(detail: String) { self.detail = detail }
}

/// HTTP through Foundation's URLSession (on Linux, FoundationNetworking over libcurl).
public struct URLSessionTransport: LRSTransport {
  let session: URLSession
  let timeout: TimeInterval

  /// - Parameter timeout: how long to wait for an answer to one request, in seconds.
  public init(timeout: TimeInterval = 60) {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.httpCookieStorage = nil
    configuration.urlCache = nil
    session = URLSession(configuration: configuration)
    self.timeout = timeout
  }

  public func post(_ request: LRSRequest) async throws(LRSTransportError) -> LRSResponse {
    var urlRequest = URLRequest(url: request.url, timeoutInterval: timeout)
    urlRequest.httpMethod = "POST"
    for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
    urlRequest.httpBody = request.body
    let answer: (Data, URLResponse)
    do {
      answer = try await session.data(for: urlRequest)
    } catch {
      throw LRSTransportError(detail: Self.explain(error))
    }
    guard let http = answer.1 as? HTTPURLResponse else {
      throw LRSTransportError(detail: "the answer was not HTTP")
    }
    var headers: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
      if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
    }
    return LRSResponse(status: http.statusCode, headers: headers, body: answer.0)
  }

  /// A network failure in plain words.
  static func explain(_ error: any Error) -> String {
    guard let url = error as? URLError else { return "\(error.localizedDescription)" }
    switch url.code {
    case .cannotConnectToHost: return "the connection was refused"
    case .cannotFindHost, .dnsLookupFailed: return "the host name is not known"
    case .timedOut: return "no answer in time"
    case .networkConnectionLost: return "the connection was lost"
    case .notConnectedToInternet: return "no network"
    case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
      .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected:
      return "the secure connection failed (\(url.code.rawValue))"
    case .badServerResponse: return "the server's answer could not be read"
    default: return "network error \(url.code.rawValue)"
    }
  }
}
