using Microsoft.AspNetCore.Mvc;
using Warta.Web.Shared;

namespace Warta.Web.Academy;

/// <summary>
/// The sidebar's Academy block: the next courses, or nothing when none is coming. Its markup is kept for as long as the
/// same course cards (the very instances the cached read holds) are the ones shown (<see cref="KeptBlocks"/>).
/// </summary>
public sealed class UpcomingCoursesViewComponent(CourseList courses, KeptBlocks kept) : ViewComponent
{
    const int Shown = 3;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var upcoming = await courses.UpcomingAsync(Shown);
        if (upcoming.Count == 0) return Content("");
        var (first, second, third) = (upcoming[0], upcoming.ElementAtOrDefault(1), upcoming.ElementAtOrDefault(2));
        return kept.Find("UpcomingCourses", "", first, second, third)
               ?? await kept.KeepAsync(this, View("/Academy/_UpcomingCourses.cshtml", upcoming), "UpcomingCourses", "", first, second, third);
    }
}
