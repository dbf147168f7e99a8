
namespace Warta.Web.Shared;

public static class SecurityHeaders
{
    const string Csp =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Set as the response starts, whatever produced it: a page, a 4xx from a limit or a rate limiter, or the error page
    /// after an exception (the exception handler clears the headers set before it, but not this callback).
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = Csp;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                // Only over HTTPS (as the proxy reports it, when it is a configured one): browsers ignore it over plain HTTP.
                if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
