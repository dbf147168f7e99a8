using Microsoft.AspNetCore.Http.HttpResults;
using Warta.Web.Accounts;
using Warta.Web.Shared;

namespace Warta.Web.Promos;

public sealed class PromoInput
{
    public string? Html { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset? StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public bool? Dismissible { get; set; }
    public int? FrequencyHours { get; set; }
}

/// <summary>The promo slots (the top banner and the popup): filled and scheduled by admins, shown on every reader page.</summary>
public static class PromosModule
{
    public static IServiceCollection AddPromos(this IServiceCollection services)
    {
        services.AddSingleton<PromoService>();
        services.AddSingleton<KeptBlock, PromoSlotBlock>();
        services.AddScoped<PromoEditor>();
        services.AddSingleton<ICacheVariation, PromoCacheVariation>();
        return services;
    }

    public static void MapPromos(this IEndpointRouteBuilder app)
    {
        PromoService.MapPromoEndpoints(app);
        app.MapGroup("/api/admin").RequireAuthorization(ApiAuth.NewsroomPolicy).RequireRateLimiting("api").DisableAntiforgery().WithTags("Promos")
            .MapPut("/promos/{slot}", PutPromo).WithName("PutPromo").ReadsJson<PromoInput>();
    }

    public sealed record PromoBody(string Slot, string Html, string? Url, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, bool Dismissible, int FrequencyHours, int Version);

    static async Task<Results<Created<PromoBody>, Ok<PromoBody>, ValidationProblem>> PutPromo(string slot, HttpContext http, PromoEditor editor)
    {
        var (input, problem) = await JsonInput.ReadAsync<PromoInput>(http.Request);
        if (problem is not null) return problem;
        var (promo, created, errors) = await editor.SaveAsync(http, slot, input!);
        if (promo is null) return errors.Problem(http.Request);
        var body = new PromoBody(promo.Slot, promo.Html, promo.Url, promo.StartsAt, promo.EndsAt, promo.Dismissible, promo.FrequencyHours, promo.Version);
        return created ? TypedResults.Created($"/api/admin/promos/{slot}", body) : TypedResults.Ok(body);
    }
}
