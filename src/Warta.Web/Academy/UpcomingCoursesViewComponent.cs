using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

/// <summary>
/// The sidebar's Academy block: the next courses, or nothing when none is coming. Its markup is kept for as long as the
/// same course cards (the very instances the cached read holds) are the ones shown (<see cref="KeptBlocks"/>).
/// </summary>
public sealed class UpcomingCoursesViewComponent(CourseList courses, KeptBlocks kept) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var upcoming = await courses.UpcomingAsync(UpcomingCoursesBlock.Shown);
        if (upcoming.Count == 0) return Content("");
        var (first, second, third) = (upcoming[0], upcoming.ElementAtOrDefault(1), upcoming.ElementAtOrDefault(2));
        return await kept.KeepAsync(this, View("/Academy/_UpcomingCourses.cshtml", upcoming), UpcomingCoursesBlock.Block, "", first, second, third);
    }
}

/// <summary>The Academy block's kept markup (or none when no course is coming), without invoking <see cref="UpcomingCoursesViewComponent"/>.</summary>
public sealed class UpcomingCoursesBlock(CourseList courses, KeptBlocks kept) : KeptBlock(Block)
{
    public const string Block = "UpcomingCourses";
    public const int Shown = 3;

    public override async ValueTask<IHtmlContent?> FindAsync(SitePage page, object? arguments)
    {
        var upcoming = await courses.UpcomingAsync(Shown);
        if (upcoming.Count == 0) return HtmlString.Empty;
        return kept.FindHtml(Block, "", upcoming[0], upcoming.ElementAtOrDefault(1), upcoming.ElementAtOrDefault(2));
    }
}
