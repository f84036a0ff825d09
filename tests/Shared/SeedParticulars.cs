using System.Text.Json.Nodes;

namespace CloudApproval.Tests.Shared;

/// <summary>
/// Particulars every required field of a seed matter's form accepts (workflows/matters/*.json): tests that are about
/// something else open their drafts with these, optionally changed by the caller.
/// </summary>
internal static class SeedParticulars
{
    public static JsonObject For(string matter, Action<JsonObject>? with = null)
    {
        var data = matter switch
        {
            "food-business-licence" => new JsonObject
            {
                ["shopName"] = "陈记小吃", ["premisesAddress"] = "上海市黄浦区南京东路100号", ["businessArea"] = 45,
                ["mainBusinessType"] = "catering", ["centralKitchen"] = false, ["contactPhone"] = "13912345678",
            },
            "outdoor-advertising-permit" => new JsonObject
            {
                ["site"] = "南京西路1266号外墙东侧", ["facilityType"] = "wall-mounted", ["widthMetres"] = 6, ["heightMetres"] = 3,
                ["displayFrom"] = "2026-12-01", ["displayUntil"] = "2027-11-30", ["illuminated"] = true,
            },
            "tree-felling-relocation-permit" => new JsonObject
            {
                ["treeLocation"] = "徐汇区衡山路10号院内", ["action"] = "relocation", ["species"] = "悬铃木", ["treeCount"] = 2,
                ["trunkDiameterCm"] = 35, ["reason"] = "地下管线改造需迁移",
            },
            "land-use-planning-permit" => new JsonObject
            {
                ["projectName"] = "临港新片区研发中心", ["siteLocation"] = "浦东新区临港大道88号", ["landAreaSquareMetres"] = 25000,
                ["landUse"] = "industrial", ["plotRatio"] = 2.5,
            },
            "construction-project-planning-permit" => new JsonObject
            {
                ["projectName"] = "临港新片区研发中心", ["siteLocation"] = "浦东新区临港大道88号", ["landUsePermitNumber"] = "JYP-2026-000123",
                ["totalFloorArea"] = 60000, ["buildingHeightMetres"] = 48, ["floorsAboveGround"] = 12,
            },
            "human-resources-service-licence" => new JsonObject
            {
                ["agencyName"] = "上海才汇人力资源有限公司", ["registeredAddress"] = "静安区共和新路1号", ["serviceScope"] = "recruitment",
                ["fullTimeStaff"] = 8, ["officeAreaSquareMetres"] = 120, ["contactPhone"] = "021-63210000",
            },
            "labour-dispatch-licence" => new JsonObject
            {
                ["companyName"] = "上海派联劳务有限公司", ["registeredCapitalTenThousandYuan"] = 300, ["premisesAddress"] = "闵行区虹梅路2号",
                ["dispatchedWorkers"] = 150, ["contactPhone"] = "13812345678",
            },
            "commercial-complex-joint-review" => new JsonObject
            {
                ["project"] = "静安商业综合体", ["siteLocation"] = "静安区南京西路1601号", ["totalFloorArea"] = 120000, ["undergroundParking"] = true,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(matter), matter, "not a seed matter"),
        };
        with?.Invoke(data);
        return data;
    }
}
