using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Warta.Web.Discovery.Api;

/// <summary>
/// A content API answer: JSON with an ETag made from its bytes, and <c>Cache-Control: public</c> with a short max-age, or
/// 304 when the caller already holds those bytes (<c>If-None-Match</c>). The answer never depends on who asks (no cookie
/// or key changes it), so any cache may share it. <typeparamref name="TSchema"/> is the shape the API description shows.
/// </summary>
public sealed class ContentJson<TSchema>(object value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var http = httpContext;
        var services = http.RequestServices;
        var json = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(value, json);
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"");
        var response = http.Response;
        response.Headers.ETag = etag.ToString();
        response.Headers.CacheControl = $"public, max-age={services.GetRequiredService<ContentApiOptions>().MaxAgeSeconds}";
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } held && held.Any(h => h.Equals(EntityTagHeaderValue.Any) || h.Compare(etag, useStrongComparison: false)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        // HEAD: the same headers, no body (Kestrel would drop it; other servers and test hosts might not).
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await response.Body.WriteAsync(body, http.RequestAborted);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider's member is static by its definition.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TSchema), ["application/json"]));
    }
}
