using System.Collections.Concurrent;

namespace NangSuat.Trace.Api.Tests.Infrastructure;

/// <summary>
/// The primary handler of every HttpClient the service under test makes: the portal must not ask
/// another host for anything a test exercises, so each attempt is refused and remembered, and the
/// test fails when its app is disposed.
/// </summary>
public sealed class NoOutboundHttp(ConcurrentQueue<Uri?> attempts) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        attempts.Enqueue(request.RequestUri);
        throw new HttpRequestException($"The service under test tried to reach {request.RequestUri}; tests allow no outbound HTTP.");
    }
}
