using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;

namespace Warta.Tests.Infrastructure;

/// <summary>The running app's endpoints, as routing sees them.</summary>
public static class AppEndpoints
{
    public static List<RouteEndpoint> All(WebApplicationFactory<Program> app)
    {
        _ = app.Server;
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
    }

    /// <summary>"/" and the template, however the endpoint spells it.</summary>
    public static string Route(RouteEndpoint endpoint) => "/" + endpoint.RoutePattern.RawText!.TrimStart('/');

    /// <summary>The endpoint routing picks for a path and method: of the templates that match, the most specific (literals before parameters).</summary>
    public static RouteEndpoint? For(WebApplicationFactory<Program> app, string path, string method) =>
        All(app)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains(method))
            .Where(e => new TemplateMatcher(new RouteTemplate(e.RoutePattern), new RouteValueDictionary(e.RoutePattern.Defaults)).TryMatch(path, new RouteValueDictionary()))
            .OrderBy(e => e.Order).ThenBy(e => RoutePrecedence.ComputeInbound(new RouteTemplate(e.RoutePattern)))
            .FirstOrDefault();
}
