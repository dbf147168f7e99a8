using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using Warta.Web.Shared;

namespace Warta.Web.Discovery.Feeds;

/// <summary>
/// A generated document answered with a strong ETag and Last-Modified, and a 304 when the client already holds it. The
/// output cache answers the same questions from its stored copy (it compares the stored ETag and Last-Modified); this
/// answers them on the request that renders the document.
/// </summary>
public static class ConditionalGet
{
    public static IResult Document(HttpContext http, byte[] body, string contentType, DateTimeOffset? lastModified)
    {
        var headers = http.Response.Headers;
        // One representation per encoding (the request's Accept-Encoding is already reduced to the one it gets), so a
        // strong tag names the encoding as well as the bytes.
        var encoding = http.Request.Headers.AcceptEncoding.ToString() switch
        {
            Compression.Brotli => "-br",
            Compression.Gzip => "-gz",
            _ => "",
        };
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..32] + encoding + "\"");
        headers.ETag = etag.ToString();
        // HTTP dates have whole seconds; a client sends back what it got.
        var modified = lastModified is { } m ? new DateTimeOffset(m.UtcTicks - m.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero) : (DateTimeOffset?)null;
        if (modified is { } stamp) headers.LastModified = HeaderUtilities.FormatDate(stamp);
        headers.CacheControl = "public, max-age=60";
        return NotModified(http.Request, etag, modified)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(body, contentType);
    }

    /// <summary>RFC 9110: If-None-Match decides when present (weak comparison); If-Modified-Since only without it.</summary>
    static bool NotModified(HttpRequest request, EntityTagHeaderValue etag, DateTimeOffset? modified)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                   && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false));
        return modified is { } stamp
               && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
               && stamp <= since;
    }
}
