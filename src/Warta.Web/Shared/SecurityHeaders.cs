
namespace Warta.Web.Shared;

/// <summary>
/// Another site one of our forms leads to: a payment gateway whose page a checkout redirects to after its POST. Browsers
/// apply <c>form-action</c> to the redirects that follow a form too, so without it the reader stays on the checkout.
/// </summary>
public sealed record FormTarget(Uri Address)
{
    public string Origin => Address.GetLeftPart(UriPartial.Authority);
}

public static class SecurityHeaders
{
    static string Csp(IEnumerable<FormTarget> formTargets) =>
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action " + string.Join(' ', formTargets.Select(t => t.Origin).Distinct().Prepend("'self'")) +
        "; frame-ancestors 'none'";

    /// <summary>
    /// Set as the response starts, whatever produced it: a page, a 4xx from a limit or a rate limiter, or the error page
    /// after an exception (the exception handler clears the headers set before it, but not this callback).
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var csp = Csp(app.ApplicationServices.GetServices<FormTarget>());
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = csp;
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
}
