using BathroomAftersales.Domain.Products;
using BathroomAftersales.Domain.ServiceRequests;

namespace BathroomAftersales.Web.Data.Generation;

/// <summary>The word lists the generator draws from: names, cities and districts, model names, and what customers write.</summary>
internal static class SampleText
{
    public static readonly string[] Surnames =
    [
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
        "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
        "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "欧阳", "司马",
    ];

    public static readonly string[] GivenNameParts =
    [
        "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞",
        "平", "刚", "桂英", "建华", "文", "华", "红", "玉兰", "志强", "婷", "晨", "欣怡", "子涵", "浩然", "思远", "雨桐", "宇轩", "佳琪",
        "梓萱", "俊杰", "嘉怡", "博文", "诗涵", "一鸣", "晓东", "海燕", "春梅", "国庆", "建国", "丹",
    ];

    public static readonly string[] BusinessWords =
    [
        "锦程", "华美", "恒泰", "远洋", "金海", "宏达", "盛世", "嘉禾", "瑞丰", "新宇", "天成", "万象", "和信", "东方", "雅居",
        "绿城", "星河", "君悦", "明珠", "湖滨",
    ];

    public static readonly string[] BusinessSuffixes =
    [
        "酒店管理有限公司", "房地产开发有限公司", "物业服务有限公司", "卫浴经销部", "建材商行", "大酒店", "公寓管理有限公司", "装饰工程有限公司",
    ];

    public static readonly string[] Roads =
    [
        "中山路", "人民路", "解放路", "建设路", "南京西路", "淮海中路", "长安街", "天河路", "延安东路", "文三路", "学院路", "滨江大道",
        "世纪大道", "和平里大街", "环城北路", "体育西路", "黄埔大道", "莫干山路", "望京街", "漕溪北路",
    ];

    public static readonly City[] Cities =
    [
        new("上海市", "上海市", "021", 35, ["浦东新区", "徐汇区", "静安区", "黄浦区", "长宁区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区", "嘉定区", "松江区"]),
        new("北京市", "北京市", "010", 25, ["东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "通州区", "昌平区", "大兴区", "顺义区"]),
        new("广东省", "广州市", "020", 20, ["天河区", "越秀区", "海珠区", "荔湾区", "白云区", "番禺区", "黄埔区", "花都区"]),
        new("浙江省", "杭州市", "0571", 20, ["上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区"]),
    ];

    /// <summary>
    /// Mobile prefixes for generated customers and technicians. 136–139 are left out: the demo accounts live there
    /// (13600000005 … 13900000003), so generated data never takes a number the demo seed needs.
    /// </summary>
    public static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "150", "151", "152", "153", "155", "156", "157", "158", "159",
        "166", "173", "175", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199",
    ];

    public static readonly (ProductCategory Category, string SkuPrefix, string[] Names, int Weight)[] ModelFamilies =
    [
        (ProductCategory.Toilet, "TL", ["智能一体马桶", "连体座便器", "壁挂式马桶", "节水分体马桶"], 26),
        (ProductCategory.Basin, "BS", ["台上盆", "台下盆", "立柱盆", "挂墙式洗手盆"], 14),
        (ProductCategory.Shower, "SH", ["恒温花洒套装", "淋浴房", "手持花洒", "顶喷花洒"], 18),
        (ProductCategory.Faucet, "FC", ["面盆龙头", "厨房龙头", "浴缸龙头", "感应龙头"], 22),
        (ProductCategory.Bathtub, "BT", ["亚克力浴缸", "铸铁浴缸", "按摩浴缸"], 6),
        (ProductCategory.Cabinet, "CB", ["浴室柜组合", "镜柜", "实木浴室柜"], 10),
        (ProductCategory.Other, "OT", ["地漏", "毛巾架", "角阀", "排水管件"], 4),
    ];

    public static string Problem(ProductCategory category, RequestType type, Random random) => type switch
    {
        RequestType.InstallationGuidance => Pick(random, InstallationQuestions),
        RequestType.UsageQuestion => Pick(random, UsageQuestions),
        RequestType.Maintenance => Pick(random, MaintenanceRequests),
        _ => Pick(random, Faults.TryGetValue(category, out var faults) ? faults : Faults[ProductCategory.Other]),
    };

    public static string Emergency(Random random) => Pick(random, Emergencies);

    public static string Summary(RequestType type, Random random) => type switch
    {
        RequestType.PartsReplacement => Pick(random, ["更换阀芯，试水正常，已恢复原厂标准。", "更换进水阀及密封圈，无渗漏，已恢复原厂标准。", "更换花洒软管与喷头，出水正常，已恢复原厂标准。"]),
        RequestType.Maintenance => Pick(random, ["清洗滤网、除垢，检查各连接处，已恢复原厂标准。", "全面保养，紧固连接件，已恢复原厂标准。"]),
        _ => Pick(random, ["调整水箱浮球与排水阀，冲水正常，已恢复原厂标准。", "疏通排水管并更换密封圈，已恢复原厂标准。", "重新打胶固定，测试无渗漏，已恢复原厂标准。", "检修电路板与感应器，功能正常，已恢复原厂标准。"]),
    };

    public static string RemoteAnswer(Random random) => Pick(random,
    [
        "已电话说明操作步骤，客户确认可以正常使用。", "已发送安装示意图与视频，客户按步骤完成。", "已告知保养方法：每月清洗滤网，使用中性清洁剂。",
        "已说明遥控器各按键功能，客户操作成功。",
    ]);

    public static string? RatingComment(int rating, Random random) => random.Next(100) < 45
        ? null
        : rating switch
        {
            5 => Pick(random, ["师傅很专业，准时到达。", "服务很好，问题一次解决。", "响应快，态度好。", "非常满意，讲解清楚。"]),
            4 => Pick(random, ["整体不错，稍微晚到了一点。", "修好了，希望配件能更快到。", "服务可以。"]),
            3 => Pick(random, ["等待时间有点长。", "问题解决了，但沟通一般。"]),
            _ => Pick(random, ["等了很久才上门，问题没有彻底解决。", "师傅迟到且没有提前通知。", "收费解释不清楚，不满意。"]),
        };

    public static string CancelReason(bool byCustomer, Random random) => byCustomer
        ? Pick(random, ["问题已自行解决。", "家里没人，暂时不需要了。", "已找其他师傅处理。", "重复提交了。"])
        : Pick(random, ["客户多次联系不上。", "客户要求取消上门。", "非本公司产品。"]);

    public static string RedispatchReason(Random random) => Pick(random, ["客户改约时间。", "原技术人员请假，改派。", "配件未到，改期上门。"]);

    public static string ReopenReason(Random random) => Pick(random, ["维修后又开始漏水。", "问题没有彻底解决。", "用了几天又出现同样的故障。"]);

    public static string RootCause(Random random) => Pick(random, ["进水软管老化破裂。", "安装时密封圈未压紧。", "冬季低温导致管道冻裂。", "陶瓷件受外力撞击开裂。"]);

    public static string Prevention(Random random) => Pick(random, ["提醒客户冬季做好管道保温，并加入保养回访名单。", "加强安装验收检查，密封件一律更换新品。", "向客户说明正确使用方法，并安排三个月后回访。"]);

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static readonly string[] InstallationQuestions =
    [
        "新买的产品想确认安装尺寸和预留管道位置。", "安装师傅说需要改下水，想咨询安装要求。", "请问墙排马桶的安装高度是多少？", "淋浴房安装需要什么准备？",
    ];

    private static readonly string[] UsageQuestions =
    [
        "智能马桶的除臭功能怎么开启？", "恒温花洒怎么调节温度？", "感应龙头一直不出水，是不是需要换电池？", "浴缸的按摩功能怎么使用？",
        "产品说明书丢了，想要一份电子版。",
    ];

    private static readonly string[] MaintenanceRequests =
    [
        "花洒出水变小，想预约保养清洗。", "使用两年了，想做一次全面保养。", "龙头有水垢，想预约除垢保养。", "浴室柜门铰链松动，想检查一下。",
    ];

    private static readonly string[] Emergencies =
    [
        "进水软管爆裂，卫生间在大量漏水！", "马桶底部漏水，已经渗到楼下。", "冬天水管冻裂，家里停水了。", "陶瓷台盆开裂，边缘锋利，有人受伤风险。",
        "马桶堵塞溢水，无法使用。",
    ];

    private static readonly Dictionary<ProductCategory, string[]> Faults = new()
    {
        [ProductCategory.Toilet] = ["马桶水箱一直有流水声，冲水后不停进水。", "马桶冲水无力，经常堵塞。", "智能马桶座圈不加热。", "马桶底座周围渗水。"],
        [ProductCategory.Basin] = ["台盆下水慢，有异味。", "台盆与台面之间的胶开裂渗水。", "面盆出现细小裂纹。"],
        [ProductCategory.Shower] = ["花洒出水忽冷忽热。", "淋浴房玻璃门关不严，漏水。", "花洒软管接口漏水。"],
        [ProductCategory.Faucet] = ["面盆龙头把手松动，关不紧。", "龙头一直滴水。", "厨房龙头底座渗水。"],
        [ProductCategory.Bathtub] = ["浴缸下水缓慢，排水口有异响。", "浴缸表面出现裂纹。", "按摩浴缸水泵不工作。"],
        [ProductCategory.Cabinet] = ["浴室柜门变形关不上。", "镜柜灯不亮。", "浴室柜底板受潮起鼓。"],
        [ProductCategory.Other] = ["地漏返味。", "角阀关不死，一直漏水。", "毛巾架松动脱落。"],
    };

    internal sealed record City(string Province, string Name, string AreaCode, int Weight, string[] Districts);
}
