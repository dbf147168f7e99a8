using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Warta.Web.Shared;

/// <summary>Limits for one fetch of an outside resource (an agency feed, a market-data source).</summary>
public sealed record FetchLimits(long MaxBytes, TimeSpan Timeout, bool AllowPrivateAddresses)
{
    public static FetchLimits Default { get; } = new(5 * 1024 * 1024, TimeSpan.FromSeconds(20), false);
}

public sealed record FetchedBody(byte[] Bytes, string? ContentType, Uri FinalUrl);

/// <summary>A fetch was refused or failed; the message is meant for the admin who configured the source.</summary>
public sealed class FetchRefusedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Operator settings for outgoing fetches (<c>Warta:Fetch</c>).</summary>
public sealed class FetchOptions
{
    /// <summary>
    /// Addresses the operator declares safe to reach although they are private (a vendor on the office network).
    /// They are allowed for every source, unlike the per-source "allow private addresses" switch.
    /// </summary>
    public List<string> TrustedAddresses { get; set; } = [];
}

/// <summary>
/// Fetches outside resources so that an admin-typed URL cannot reach this machine or its network: http and https only,
/// the address actually connected to is checked (a DNS name that resolves inward does not pass), redirects are followed
/// by hand and checked again, and the body is cut off at a size and a time limit.
/// </summary>
public sealed class SafeFetcher : IDisposable
{
    public const int MaxRedirects = 5;

    readonly HttpClient publicOnly;
    readonly HttpClient privateAllowed;
    readonly HashSet<IPAddress> trusted;

    public SafeFetcher(FetchOptions options)
    {
        trusted = [.. options.TrustedAddresses.Select(a => IPAddress.TryParse(a, out var ip) ? Canonical(ip)
            : throw new InvalidOperationException($"Warta:Fetch:TrustedAddresses: '{a}' is not an IP address."))];
        publicOnly = Client(allowPrivate: false);
        privateAllowed = Client(allowPrivate: true);
    }

    HttpClient Client(bool allowPrivate)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // A proxy would connect on our behalf and hide the address from the check below.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, allowPrivate, ct),
        };
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Warta", "1.0"));
        return client;
    }

    async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivate, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        }
        catch (SocketException e)
        {
            throw new FetchRefusedException($"The name '{endpoint.Host}' could not be resolved.", e);
        }
        var allowed = addresses.Where(a => allowPrivate || trusted.Contains(Canonical(a)) || !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
            throw new FetchRefusedException(
                $"'{endpoint.Host}' resolves to a private, loopback or link-local address ({addresses.FirstOrDefault()}); " +
                "fetching it is not allowed for this source.");

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<FetchedBody> GetAsync(Uri url, FetchLimits limits, CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limits.Timeout);
        var client = limits.AllowPrivateAddresses ? privateAllowed : publicOnly;
        var current = url;
        try
        {
            for (var hop = 0; ; hop++)
            {
                CheckScheme(current);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (IsRedirect(response.StatusCode))
                {
                    if (hop >= MaxRedirects) throw new FetchRefusedException($"More than {MaxRedirects} redirects.");
                    var location = response.Headers.Location ?? throw new FetchRefusedException("A redirect without a Location header.");
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    continue;
                }
                if (!response.IsSuccessStatusCode)
                    throw new FetchRefusedException($"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
                if (response.Content.Headers.ContentLength > limits.MaxBytes)
                    throw new FetchRefusedException($"The response is {response.Content.Headers.ContentLength} bytes; the limit is {limits.MaxBytes}.");
                var bytes = await ReadLimitedAsync(response.Content, limits.MaxBytes, timeout.Token);
                return new FetchedBody(bytes, response.Content.Headers.ContentType?.MediaType, current);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FetchRefusedException($"No complete answer within {limits.Timeout.TotalSeconds:0.#} seconds.");
        }
        catch (HttpRequestException e)
        {
            // The connect callback's refusal arrives wrapped; show the admin the reason, not the wrapper.
            for (Exception? inner = e; inner is not null; inner = inner.InnerException)
                if (inner is FetchRefusedException refused) throw new FetchRefusedException(refused.Message, e);
            throw new FetchRefusedException($"The connection failed: {e.Message}", e);
        }
    }

    static void CheckScheme(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
            throw new FetchRefusedException($"Only http and https addresses can be fetched, not '{url}'.");
    }

    static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    static async Task<byte[]> ReadLimitedAsync(HttpContent content, long max, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) throw new FetchRefusedException($"The response is larger than the limit of {max} bytes.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    static IPAddress Canonical(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>Loopback, private, link-local, shared (CGNAT), multicast, reserved and unspecified addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        address = Canonical(address);
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,
                169 => b[1] == 254,
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return true;
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal) return true;
            var b = address.GetAddressBytes();
            // 6to4 and NAT64 carry an IPv4 address inside; judge that one.
            if (b[0] == 0x20 && b[1] == 0x02) return IsPrivate(new IPAddress(b[2..6]));
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b) return IsPrivate(new IPAddress(b[12..16]));
            // Documentation prefix 2001:db8::/32.
            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return true;
            return false;
        }
        return true;
    }

    public void Dispose()
    {
        publicOnly.Dispose();
        privateAllowed.Dispose();
    }
}

public static class SafeFetchRegistration
{
    public static IServiceCollection AddSafeFetch(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Warta:Fetch").Get<FetchOptions>() ?? new FetchOptions());
        services.AddSingleton<SafeFetcher>();
        return services;
    }
}
