"""The places of Chinese legislation and their AKN codes (see docs/profile.md).

- the country: ``cn`` (national laws, State Council regulations, judicial interpretations,
  departmental rules);
- a province, autonomous region or municipality: ``cn-`` + its ISO 3166-2:CN code in lower
  case (北京 ``cn-bj``, 河北 ``cn-he``, 广东 ``cn-gd``, 内蒙古 ``cn-nm``);
- a city (prefecture level: 地级市, 自治州, 地区, 盟) or an autonomous county: the province's
  code + ``-`` + the name's pinyin without tones, spaces or the 市/州/县 suffix (深圳
  ``cn-gd-shenzhen``, 宁波 ``cn-zj-ningbo``, 景宁畲族自治县 ``cn-zj-jingning``). Pinyin is
  unique within a province; the tables below are the one source for these codes.
"""

from __future__ import annotations

# ISO 3166-2:CN (2017 letter codes), keyed by the short name.
PROVINCES = {
    "北京": "bj", "天津": "tj", "河北": "he", "山西": "sx", "内蒙古": "nm", "辽宁": "ln",
    "吉林": "jl", "黑龙江": "hl", "上海": "sh", "江苏": "js", "浙江": "zj", "安徽": "ah",
    "福建": "fj", "江西": "jx", "山东": "sd", "河南": "ha", "湖北": "hb", "湖南": "hn",
    "广东": "gd", "广西": "gx", "海南": "hi", "重庆": "cq", "四川": "sc", "贵州": "gz",
    "云南": "yn", "西藏": "xz", "陕西": "sn", "甘肃": "gs", "青海": "qh", "宁夏": "nx",
    "新疆": "xj", "香港": "hk", "澳门": "mo", "台湾": "tw",
}
# Full names as titles print them (广西壮族自治区, 北京市, 河北省 …).
PROVINCE_FULL = {
    "内蒙古自治区": "内蒙古", "广西壮族自治区": "广西", "西藏自治区": "西藏",
    "宁夏回族自治区": "宁夏", "新疆维吾尔自治区": "新疆", "香港特别行政区": "香港",
    "澳门特别行政区": "澳门",
}
for _name in ("北京", "天津", "上海", "重庆"):
    PROVINCE_FULL[_name + "市"] = _name
for _name in PROVINCES:
    if _name not in ("北京", "天津", "上海", "重庆", "内蒙古", "广西", "西藏", "宁夏", "新疆",
                     "香港", "澳门"):
        PROVINCE_FULL[_name + "省"] = _name

# Prefecture-level divisions by province: name (without 市/地区/盟 suffix; 自治州 in full)
# and pinyin slug.
_CITIES = {
    "he": "石家庄 shijiazhuang 唐山 tangshan 秦皇岛 qinhuangdao 邯郸 handan 邢台 xingtai "
          "保定 baoding 张家口 zhangjiakou 承德 chengde 沧州 cangzhou 廊坊 langfang 衡水 hengshui",
    "sx": "太原 taiyuan 大同 datong 阳泉 yangquan 长治 changzhi 晋城 jincheng 朔州 shuozhou "
          "晋中 jinzhong 运城 yuncheng 忻州 xinzhou 临汾 linfen 吕梁 lvliang",
    "nm": "呼和浩特 huhehaote 包头 baotou 乌海 wuhai 赤峰 chifeng 通辽 tongliao "
          "鄂尔多斯 eerduosi 呼伦贝尔 hulunbeier 巴彦淖尔 bayannaoer 乌兰察布 wulanchabu "
          "兴安 xingan 锡林郭勒 xilinguole 阿拉善 alashan",
    "ln": "沈阳 shenyang 大连 dalian 鞍山 anshan 抚顺 fushun 本溪 benxi 丹东 dandong "
          "锦州 jinzhou 营口 yingkou 阜新 fuxin 辽阳 liaoyang 盘锦 panjin 铁岭 tieling "
          "朝阳 chaoyang 葫芦岛 huludao",
    "jl": "长春 changchun 吉林 jilin 四平 siping 辽源 liaoyuan 通化 tonghua 白山 baishan "
          "松原 songyuan 白城 baicheng 延边朝鲜族自治州 yanbian",
    "hl": "哈尔滨 haerbin 齐齐哈尔 qiqihaer 鸡西 jixi 鹤岗 hegang 双鸭山 shuangyashan "
          "大庆 daqing 伊春 yichun 佳木斯 jiamusi 七台河 qitaihe 牡丹江 mudanjiang 黑河 heihe "
          "绥化 suihua 大兴安岭 daxinganling",
    "js": "南京 nanjing 无锡 wuxi 徐州 xuzhou 常州 changzhou 苏州 suzhou 南通 nantong "
          "连云港 lianyungang 淮安 huaian 盐城 yancheng 扬州 yangzhou 镇江 zhenjiang "
          "泰州 taizhou 宿迁 suqian",
    "zj": "杭州 hangzhou 宁波 ningbo 温州 wenzhou 嘉兴 jiaxing 湖州 huzhou 绍兴 shaoxing "
          "金华 jinhua 衢州 quzhou 舟山 zhoushan 台州 taizhou 丽水 lishui "
          "景宁畲族自治县 jingning",
    "ah": "合肥 hefei 芜湖 wuhu 蚌埠 bengbu 淮南 huainan 马鞍山 maanshan 淮北 huaibei "
          "铜陵 tongling 安庆 anqing 黄山 huangshan 滁州 chuzhou 阜阳 fuyang 宿州 suzhou "
          "六安 luan 亳州 bozhou 池州 chizhou 宣城 xuancheng",
    "fj": "福州 fuzhou 厦门 xiamen 莆田 putian 三明 sanming 泉州 quanzhou 漳州 zhangzhou "
          "南平 nanping 龙岩 longyan 宁德 ningde",
    "jx": "南昌 nanchang 景德镇 jingdezhen 萍乡 pingxiang 九江 jiujiang 新余 xinyu "
          "鹰潭 yingtan 赣州 ganzhou 吉安 jian 宜春 yichun 抚州 fuzhou 上饶 shangrao",
    "sd": "济南 jinan 青岛 qingdao 淄博 zibo 枣庄 zaozhuang 东营 dongying 烟台 yantai "
          "潍坊 weifang 济宁 jining 泰安 taian 威海 weihai 日照 rizhao 莱芜 laiwu "
          "临沂 linyi 德州 dezhou 聊城 liaocheng 滨州 binzhou 菏泽 heze",
    "ha": "郑州 zhengzhou 开封 kaifeng 洛阳 luoyang 平顶山 pingdingshan 安阳 anyang "
          "鹤壁 hebi 新乡 xinxiang 焦作 jiaozuo 濮阳 puyang 许昌 xuchang 漯河 luohe "
          "三门峡 sanmenxia 南阳 nanyang 商丘 shangqiu 信阳 xinyang 周口 zhoukou "
          "驻马店 zhumadian 济源 jiyuan",
    "hb": "武汉 wuhan 黄石 huangshi 十堰 shiyan 宜昌 yichang 襄阳 xiangyang 鄂州 ezhou "
          "荆门 jingmen 孝感 xiaogan 荆州 jingzhou 黄冈 huanggang 咸宁 xianning 随州 suizhou "
          "恩施土家族苗族自治州 enshi",
    "hn": "长沙 changsha 株洲 zhuzhou 湘潭 xiangtan 衡阳 hengyang 邵阳 shaoyang "
          "岳阳 yueyang 常德 changde 张家界 zhangjiajie 益阳 yiyang 郴州 chenzhou "
          "永州 yongzhou 怀化 huaihua 娄底 loudi 湘西土家族苗族自治州 xiangxi",
    "gd": "广州 guangzhou 韶关 shaoguan 深圳 shenzhen 珠海 zhuhai 汕头 shantou "
          "佛山 foshan 江门 jiangmen 湛江 zhanjiang 茂名 maoming 肇庆 zhaoqing 惠州 huizhou "
          "梅州 meizhou 汕尾 shanwei 河源 heyuan 阳江 yangjiang 清远 qingyuan 东莞 dongguan "
          "中山 zhongshan 潮州 chaozhou 揭阳 jieyang 云浮 yunfu",
    "gx": "南宁 nanning 柳州 liuzhou 桂林 guilin 梧州 wuzhou 北海 beihai 防城港 fangchenggang "
          "钦州 qinzhou 贵港 guigang 玉林 yulin 百色 baise 贺州 hezhou 河池 hechi "
          "来宾 laibin 崇左 chongzuo",
    "hi": "海口 haikou 三亚 sanya 三沙 sansha 儋州 danzhou",
    "cq": "彭水苗族土家族自治县 pengshui 酉阳土家族苗族自治县 youyang "
          "秀山土家族苗族自治县 xiushan 石柱土家族自治县 shizhu",
    "sc": "成都 chengdu 自贡 zigong 攀枝花 panzhihua 泸州 luzhou 德阳 deyang 绵阳 mianyang "
          "广元 guangyuan 遂宁 suining 内江 neijiang 乐山 leshan 南充 nanchong 眉山 meishan "
          "宜宾 yibin 广安 guangan 达州 dazhou 雅安 yaan 巴中 bazhong 资阳 ziyang "
          "阿坝藏族羌族自治州 aba 甘孜藏族自治州 ganzi 凉山彝族自治州 liangshan",
    "gz": "贵阳 guiyang 六盘水 liupanshui 遵义 zunyi 安顺 anshun 毕节 bijie 铜仁 tongren "
          "黔西南布依族苗族自治州 qianxinan 黔东南苗族侗族自治州 qiandongnan "
          "黔南布依族苗族自治州 qiannan",
    "yn": "昆明 kunming 曲靖 qujing 玉溪 yuxi 保山 baoshan 昭通 zhaotong 丽江 lijiang "
          "普洱 puer 临沧 lincang 楚雄彝族自治州 chuxiong 红河哈尼族彝族自治州 honghe "
          "文山壮族苗族自治州 wenshan 西双版纳傣族自治州 xishuangbanna "
          "大理白族自治州 dali 德宏傣族景颇族自治州 dehong 怒江傈僳族自治州 nujiang "
          "迪庆藏族自治州 diqing",
    "xz": "拉萨 lasa 日喀则 rikaze 昌都 changdu 林芝 linzhi 山南 shannan 那曲 naqu 阿里 ali",
    "sn": "西安 xian 铜川 tongchuan 宝鸡 baoji 咸阳 xianyang 渭南 weinan 延安 yanan "
          "汉中 hanzhong 榆林 yulin 安康 ankang 商洛 shangluo",
    "gs": "兰州 lanzhou 嘉峪关 jiayuguan 金昌 jinchang 白银 baiyin 天水 tianshui "
          "武威 wuwei 张掖 zhangye 平凉 pingliang 酒泉 jiuquan 庆阳 qingyang 定西 dingxi "
          "陇南 longnan 临夏回族自治州 linxia 甘南藏族自治州 gannan",
    "qh": "西宁 xining 海东 haidong 海北藏族自治州 haibei 黄南藏族自治州 huangnan "
          "海南藏族自治州 hainanzhou 果洛藏族自治州 guoluo 玉树藏族自治州 yushu "
          "海西蒙古族藏族自治州 haixi",
    "nx": "银川 yinchuan 石嘴山 shizuishan 吴忠 wuzhong 固原 guyuan 中卫 zhongwei",
    "xj": "乌鲁木齐 wulumuqi 克拉玛依 kelamayi 吐鲁番 tulufan 哈密 hami "
          "昌吉回族自治州 changji 博尔塔拉蒙古自治州 boertala 巴音郭楞蒙古自治州 bayinguoleng "
          "阿克苏 akesu 克孜勒苏柯尔克孜自治州 kezilesu 喀什 kashi 和田 hetian "
          "伊犁哈萨克自治州 yili 塔城 tacheng 阿勒泰 aletai",
}

# name → (province code, slug); a 自治州/自治县 also under its short name (延边州, 景宁县).
CITIES: dict[str, tuple[str, str]] = {}
ALIASES: set[str] = set()        # those short names
for _prov, _spec in _CITIES.items():
    _words = _spec.split()
    for _name, _slug in zip(_words[::2], _words[1::2]):
        CITIES[_name] = (_prov, _slug)
        for _suffix in ("自治州", "自治县"):
            if _name.endswith(_suffix):
                # the short name: the part before the nationalities (延边朝鲜族自治州 → 延边)
                _short = _name[:2] + ("县" if _suffix == "自治县" else "州")
                if _short not in CITIES:
                    CITIES[_short] = (_prov, _slug)
                    ALIASES.add(_short)
# The special economic zones' titles (深圳经济特区…) name their city.
CITY_SUFFIXES = ("市", "经济特区", "地区", "盟", "")


def province_code(short: str) -> str:
    return "cn-" + PROVINCES[short]


def city_code(name: str) -> str:
    prov, slug = CITIES[name]
    return f"cn-{prov}-{slug}"
