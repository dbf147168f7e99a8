namespace Warta.Web.Discovery;

public static class ReadRoutes
{
    static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// A read that answers HEAD like GET, headers and all, without the body (the server drops it), as crawlers, feed
    /// readers and link checkers expect. <c>MapGet</c> alone answers HEAD with 405.
    /// </summary>
    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, GetAndHead, handler);
}
