using Microsoft.Extensions.Primitives;

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
    /// after an exception (the exception handler clears the headers set before it, but not this callback). The values and the
    /// callback are made once, at start: a request pays for registering the callback and setting the headers, nothing more.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var values = new Values(new StringValues(Csp(app.ApplicationServices.GetServices<FormTarget>())));
        Func<object, Task> set = state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = values.Csp;
            headers.XContentTypeOptions = Values.NoSniff;
            headers.XFrameOptions = Values.Deny;
            headers[Values.ReferrerPolicyName] = Values.ReferrerPolicy;
            headers[Values.PermissionsPolicyName] = Values.PermissionsPolicy;
            // Only over HTTPS (as the proxy reports it, when it is a configured one): browsers ignore it over plain HTTP.
            if (context.Request.IsHttps) headers.StrictTransportSecurity = Values.StrictTransport;
            return Task.CompletedTask;
        };
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(set, context);
            return next(context);
        });
    }

    sealed record Values(StringValues Csp)
    {
        public const string ReferrerPolicyName = "Referrer-Policy", PermissionsPolicyName = "Permissions-Policy";
        public static readonly StringValues NoSniff = "nosniff", Deny = "DENY", StrictTransport = "max-age=31536000",
            ReferrerPolicy = "strict-origin-when-cross-origin", PermissionsPolicy = "camera=(), microphone=(), geolocation=()";
    }
}
