using Microsoft.AspNetCore.Diagnostics;

namespace Warta.Web.Shared;

/// <summary>The largest request body taken: <see cref="DefaultBytes"/> for every endpoint, <see cref="UploadBytes"/> for uploads.</summary>
public sealed record RequestBodyLimits(long DefaultBytes, long UploadBytes);

/// <summary>Marks an endpoint (or page model) that takes a file upload, and so the larger body limit.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class UploadBodyAttribute : Attribute;

/// <summary>A refusal because the server is busy right now: 503 with <c>Retry-After</c>, nothing changed, the same request may be sent again.</summary>
public sealed class TryAgainLaterException(string message, int retryAfterSeconds = 5) : Exception(message)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}

public static class RequestLimits
{
    /// <summary>
    /// Every request body is limited before anything parses it: a declared length over the limit is refused at once with
    /// 413, and the body stream itself stops at the limit, so a chunked body (no length declared) is refused the same way
    /// when it grows past it. Runs after routing, since the limit belongs to the endpoint.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<RequestBodyLimits>();
        return app.Use(async (http, next) =>
        {
            // A request without a body (no length, not chunked: every page view) has nothing to limit.
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
            {
                await next(http);
                return;
            }
            var limit = http.GetEndpoint()?.Metadata.GetMetadata<UploadBodyAttribute>() is null ? limits.DefaultBytes : limits.UploadBytes;
            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
                server.MaxRequestBodySize = limit;
            http.Request.Body = new LimitedBody(http.Request.Body, limit);
            await next(http);
        });
    }

    /// <summary>The status for a request that failed while its body was read: what was wrong with the request, not a 500.</summary>
    public static int StatusFor(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BadHttpRequestException bad: return bad.StatusCode;
                case TryAgainLaterException: return StatusCodes.Status503ServiceUnavailable;
                // A malformed form or multipart body (bad boundary, truncated section, too many parts).
                case InvalidDataException:
                case Microsoft.AspNetCore.Mvc.ModelBinding.ValueProviderException:
                // The form and multipart parsers' own complaint: the body ended in the middle of a part.
                case IOException { Source: "Microsoft.AspNetCore.WebUtilities" }:
                    return StatusCodes.Status400BadRequest;
            }
        }
        return StatusCodes.Status500InternalServerError;
    }

    public static Exception? Error(HttpContext http) => http.Features.Get<IExceptionHandlerFeature>()?.Error;

    sealed class LimitedBody(Stream inner, long limit) : Stream
    {
        long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        int Count(int read)
        {
            _read += read;
            if (_read > limit)
                throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
