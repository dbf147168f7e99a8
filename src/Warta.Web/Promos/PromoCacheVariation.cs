using Warta.Web.Shared;

namespace Warta.Web.Promos;

/// <summary>A reader who closed the top banner gets a cached copy without it; everyone else shares the copy with it.</summary>
public sealed class PromoCacheVariation : ICacheVariation
{
    public void AddTo(HttpContext http, IDictionary<string, string> varyBy) => varyBy["top"] = PromoCookies.TopDismissed(http.Request) ?? "";
}
