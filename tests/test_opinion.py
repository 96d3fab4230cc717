"""The statistical second opinion: shipped weights that match their training data, scoring that
repeats the training transform, and findings that speak only where the rules are silent."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reviewer.errors import ModelError, RuleError
from reviewer.evaluate import reported
from reviewer.opinion import train
from reviewer.opinion.features import ngrams
from reviewer.opinion.model import FAMILY_SHARE, WEIGHTS, builtin, load
from reviewer.pipeline import check_text
from reviewer.rules.loader import default_ruleset, load_rules

# A township levy said without any fee word: no rule's vocabulary names it, the model does.
_UNNAMED_LEVY = "各农户按承包地面积每亩出二十元，用于机耕道维修，年底前交到村会计处。"
_MODEL_CODES = {r.code for r in default_ruleset().rules if r.kind == "model"}


def test_shipped_weights_were_trained_on_the_current_data():
    # Editing a rule example or a probe's read half changes the training data; the weights must
    # then be rebuilt (make model) so that what ships is what the data in the repo gives.
    samples = train.training_samples()
    assert builtin().digest == train.digest(samples), "训练数据已变化，请运行 make model 重新训练"


def test_training_data_never_includes_an_unread_half():
    texts = {s.text for s in train.training_samples()}
    unread = [json.loads(line) for p in sorted(Path(train.ROOT, "eval", "probes").glob("*.jsonl"))
              for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    unread = [i["text"] for i in unread if i.get("half") == "unread"]
    assert unread and not texts & set(unread)


def test_features_ignore_whitespace_and_sentence_marks():
    # The engine scores a sentence with its closing 。; lawful training sentences were split off
    # without it, and labelled clauses hold several sentences: no mark may count, or 。 alone
    # would read as a violation.
    assert ngrams("须经 批准。") == ngrams("须经批准") == ngrams("，须经批准；")
    assert ngrams("须经批准")["经批"] == 1 and not any("。" in g for g in ngrams("须经批准。不得经营。"))


def test_scores_are_probabilities_and_rank_a_levy_above_a_lawful_notice():
    model = builtin()
    levy = model.score(_UNNAMED_LEVY)
    lawful = model.score("村民委员会应当及时公布集体财务收支情况，接受村民监督。")
    assert 0.0 <= lawful.probability < 0.5 < 0.9 <= levy.probability <= 1.0
    assert levy.family == "FEE"


def _damaged(how: str) -> bytes:
    data = WEIGHTS.read_bytes()
    header, body = data.split(b"\n", 1)
    if how.startswith("cut"):
        return data[:int(how[3:])]
    if how == "flipped bit":  # the size stays right; only the checksum can tell
        return header + b"\n" + body[:-9] + bytes([body[-9] ^ 0x40]) + body[-8:]
    if how == "header not an object":
        return b"[1, 2]\n" + body
    if how == "header without intercept":
        fields = json.loads(header)
        del fields["intercept"]
        return json.dumps(fields).encode() + b"\n" + body
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["cut10", "cut4485", "cut5000", "cut-3", "flipped bit", "header not an object",
                                 "header without intercept"])
def test_a_damaged_weights_file_is_refused_in_chinese(tmp_path, how):
    broken = tmp_path / "opinion.bin"
    broken.write_bytes(_damaged(how))
    with pytest.raises(ModelError, match="统计模型文件不完整或已损坏"):
        load(broken)
    with pytest.raises(ModelError, match="无法读取"):
        load(tmp_path / "missing.bin")


def test_the_model_finds_a_levy_no_rule_names():
    findings = reported(check_text(_UNNAMED_LEVY).findings)
    assert [f.code for f in findings] == ["FEE005"]
    finding = findings[0]
    assert finding.severity.value == "warning" and "统计模型相似度评分" in finding.message
    assert finding.match == _UNNAMED_LEVY and finding.location.offset == 0
    assert finding.addressee == "public"


def test_the_model_yields_to_a_rule_in_the_same_sentence():
    text = "各农户按承包地面积每亩收取二十元机耕道维修费，年底前交到村会计处。"
    codes = {f.code for f in reported(check_text(text).findings)}
    assert codes and not codes & _MODEL_CODES


def test_the_model_leaves_a_sentence_that_defers_to_the_law():
    text = "各农户依照《中华人民共和国村民委员会组织法》的规定，经村民会议讨论决定每亩出二十元维修机耕道。"
    assert not {f.code for f in check_text(text).findings} & _MODEL_CODES


def test_the_model_does_not_speak_at_the_level_of_a_law_or_regulation():
    for level in ("规章", "行政法规"):
        assert not {f.code for f in check_text(_UNNAMED_LEVY, level=level).findings} & _MODEL_CODES


def test_ignoring_the_model_rules_silences_the_second_opinion():
    assert not reported(check_text(_UNNAMED_LEVY, ignore=["FEE005"]).findings)


def _pack(tmp_path: Path, match: dict) -> Path:
    flag = _UNNAMED_LEVY if "model" in match else "[[收费]]。"
    rule = {
        "code": "FEE901", "name": "demo-opinion", "title": "示例", "severity": "warning",
        "basis": [{"law": "中华人民共和国价格法", "article": "第四十七条"}],
        "message": "示例。", "suggestion": "示例。", "match": match,
        "examples": {"flag": [flag], "pass": [{"text": "免收保洁费。", "why": "免收。"}]},
    }
    (tmp_path / "fee.yaml").write_text(yaml.safe_dump({"family": "FEE", "rules": [rule]}, allow_unicode=True),
                                       encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("match, words", [
    ({"model": "opinion"}, "阈值"),
    ({"model": "opinion", "threshold": 1.5}, "阈值"),
    ({"model": "opinion", "threshold": True}, "阈值"),
    ({"model": "other", "threshold": 0.9}, "未知的模型"),
    ({"model": "opinion", "threshold": 0.9, "triggers": ["收"]}, "不使用"),
    ({"regex": "收费", "triggers": ["收费"], "threshold": 0.9}, "只用于 model"),
])
def test_model_rule_mistakes_name_the_field(tmp_path, match, words):
    with pytest.raises(RuleError) as err:
        load_rules(_pack(tmp_path, match))
    assert "FEE901 → match" in str(err.value) and words in str(err.value)


@pytest.mark.slow
def test_check_reports_the_second_opinion_through_the_real_cli(tmp_path):
    draft = tmp_path / "草稿.txt"
    draft.write_text("关于村庄保洁的通知\n" + _UNNAMED_LEVY + "\n", encoding="utf-8")
    exe = Path(sys.executable).with_name("reviewer")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "reviewer.cli.main"]
    proc = subprocess.run(cmd + ["check", str(draft), "-f", "json"], capture_output=True, timeout=60)
    findings = json.loads(proc.stdout.decode("utf-8"))["documents"][0]["findings"]
    assert proc.returncode == 1 and [f["code"] for f in findings] == ["FEE005"]


def test_explain_shows_the_second_opinion_for_each_sentence():
    from click.testing import CliRunner

    from reviewer.cli.main import cli

    lawful = "村民委员会应当及时公布集体财务收支情况。"
    result = CliRunner().invoke(cli, ["explain", _UNNAMED_LEVY + lawful])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    levy = next(line for line in lines if line.startswith("  “各农户"))
    quiet = next(line for line in lines if line.startswith("  “村民委员会"))
    assert "最接近收费" in levy and levy.endswith("报告 FEE005")
    assert "不报告：评分低于阈值 0." in quiet


def test_explain_says_when_a_rule_already_spoke():
    from reviewer.explain import second_opinion

    [step] = second_opinion("对拒不整改的经营户，扣押其车辆。")
    assert step.verdict == "不报告：本句已有同族规则报告（COERCION001）"


def test_the_second_opinion_adds_a_family_the_rules_did_not_report_in_the_sentence():
    # A fee rule reports the charge; the model adds the family it judges closest for the rest (the
    # certificates and the application withheld), one no rule reported in the sentence.
    text = "欠缴卫生费的农户，暂不为其开具各类证明，也不为其办理低保申请。"
    findings = check_text(text).findings
    rule_families = {f.family for f in findings if f.code not in _MODEL_CODES}
    added = [f for f in findings if f.code in _MODEL_CODES]
    assert "FEE" in rule_families and added and added[0].family not in rule_families
    from reviewer.explain import second_opinion

    [step] = second_opinion(text)
    assert step.verdict == f"报告 {added[0].code}"


@pytest.mark.parametrize("text, reason", [
    # each scores above the threshold: the step named is what keeps it quiet
    ("各农户自愿按每亩二十元标准缴纳机耕道维修费，由村会计统一收取。", "排除本规则的上下文"),
    ("各农户按承包地面积每亩出二十元用于机耕道维修的做法一律停止。", "清理、废止"),
    ("村民委员会应当及时公布集体财务收支情况。", "评分低于阈值"),
    ("租赁期满后承租人无违约行为的，押金全额退还。", "只是退还款项"),
])
def test_explain_gives_the_engines_own_reason(text, reason):
    from reviewer.explain import second_opinion

    [step] = second_opinion(text)
    assert step.verdict.startswith("不报告") and reason in step.verdict
    assert not {f.code for f in check_text(text).findings} & _MODEL_CODES


def test_a_clean_up_is_not_a_levy():
    from reviewer.engine import OpinionFinder, Review, _Locator
    from reviewer.laws.base import LawBase
    from reviewer.pipeline import build_document
    from reviewer.model import SourceText
    from reviewer.settings import DEFAULT_SETTINGS

    text = "各农户按承包地面积每亩出二十元用于机耕道维修的做法一律停止。"
    doc = build_document(SourceText(path="<t>", format="text", text=text))
    review = Review(doc, DEFAULT_SETTINGS, LawBase.builtin(), _Locator(doc))
    rules = default_ruleset().of_kinds(OpinionFinder.kinds)
    verdict = OpinionFinder().judge(rules, review, 0, len(text))
    assert verdict.probability >= 0.92 and verdict.reason == "removes"  # it resembles a levy, or a cut right
    assert not list(OpinionFinder().find(rules, review))


def test_a_run_on_line_is_not_scored():
    # Scoring holds every n-gram of the sentence in memory at once: a 5 MB line would take
    # gigabytes. No clause is 2,000 characters long; the rules still read such a line.
    run_on = _UNNAMED_LEVY.rstrip("。") * 70 + "。"
    assert len(run_on) > 2000
    assert not {f.code for f in check_text(run_on).findings} & _MODEL_CODES
    assert {f.code for f in check_text(_UNNAMED_LEVY * 60).findings} & _MODEL_CODES


def test_check_time_weighting_repeats_the_training_transform():
    # train._matrix (TF-IDF rows the regressions are fitted on) and OpinionModel._weighted (what
    # checking computes) are written apart; they must give the same vector for the same text.
    pytest.importorskip("scipy")
    model = builtin()
    vocab = sorted(model.index, key=model.index.__getitem__)
    idf = [model.idf[i] for i in range(len(vocab))]
    texts = [_UNNAMED_LEVY, "村民委员会应当及时公布集体财务收支情况，接受村民监督。", "须经 批准。不得经营；"]
    rows = train._matrix([ngrams(t) for t in texts], vocab, idf)
    for r, text in enumerate(texts):
        weighted, norm = model._weighted(text)
        expected = {int(i): float(v) for i, v in zip(rows[r].indices, rows[r].data)}
        assert set(expected) == {i for i, _ in weighted}
        assert all(abs(expected[i] - v / norm) < 1e-6 for i, v in weighted)


def test_hiding_rules_does_not_let_the_second_opinion_speak_in_their_place():
    # --ignore chooses what is reported, as a linter's does: the levy rules still rule the
    # sentence, so the model keeps quiet for their family instead of reporting FEE005 there.
    text = "每户按人口每人二十元标准筹集村道亮化资金。"
    assert "FEE002" in {f.code for f in check_text(text).findings}
    hidden = {f.code for f in check_text(text, ignore=["FEE001", "FEE002", "FEE003", "FEE004"]).findings}
    assert not hidden
    # hiding one rule shows what the one-per-family step had merged into it
    assert "FEE003" in {f.code for f in check_text(text, ignore=["FEE002"]).findings}


def test_explain_never_prints_a_score_below_the_threshold_as_the_threshold():
    # 0.8996 against a 0.9 threshold is not reported; printed rounded it would read "评分 0.90 … 低于阈值 0.9"
    from reviewer.explain import OpinionStep, format_opinions

    text = format_opinions([OpinionStep("某指挥部对商户作出停业整顿决定，各单位遵照执行。", 0.8996, "ULTRA_VIRES",
                                        "不报告：评分低于阈值 0.9")])
    assert "评分 0.89" in text and "评分 0.90" not in text


def test_a_note_of_responsible_units_is_not_scored():
    # Plans close each task with the offices that carry it out; the note names offices and sets nothing.
    from reviewer.explain import second_opinion

    note = "（牵头单位：县发展改革局、县财政局、各乡镇人民政府、经开区管委会）"
    [step] = second_opinion(note)
    assert step.verdict.startswith("不报告") and "责任单位注" in step.verdict
    assert not reported(check_text(note).findings)


def test_a_decision_handed_to_a_body_is_a_cue_for_ultra_vires_only():
    """由…核定 hands a decision to a body: whether it may decide is the ULTRA_VIRES question, so
    the second opinion counts the hand-over there; the other families still ask for a command."""
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("建筑物的退让距离，由所在街道办事处根据实际情况核定。") == ("assignment", "由所在街道办事处根据实际情况核定")
    assert sentence_imposition("县文旅集团负责藏品等级的审定。")[0] == "assignment"
    assert sentence_imposition("今年全县新建建筑物四百余栋。") == ("", "")
    # what one body concludes made binding on another, and an act handed over
    assert sentence_imposition("族谱的审核意见由县档案馆采纳，审核意见即为登记依据。")[0] == "assignment"
    assert sentence_imposition("流浪犬的收容由各村自行组织人员实施。")[0] == "assignment"
    # a meeting's decision, a power given, a binding outcome
    assert sentence_imposition("会议同意，该地块绿地率下调至百分之二十，由规划分局按此出具条件。")[0] == "assignment"
    assert sentence_imposition("街道综合执法队可以以街道名义对占道摊点立案查处。")[0] == "assignment"
    assert sentence_imposition("村集体资产折股量化方案，以乡政府最终核定的为准。")[0] == "assignment"
    assert sentence_imposition("区政府专题会议纪要议定，同意将该宗地绿地率降至百分之十五，由规划分局据此出具条件并办理。")[0] == "assignment"
    assert sentence_imposition("居民可通过手机银行缴纳物业费。") == ("", "")
    rules = {r.code: r for r in default_ruleset()}
    assert "assignment" in rules["ULTRA_VIRES019"].imposed
    assert all("assignment" not in r.imposed for r in rules.values() if r.kind == "model" and r.family != "ULTRA_VIRES")


def test_balance_is_no_command():
    """均衡 (balanced) is not 均 (all, without exception): a development goal commands nobody."""
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("推动城乡教育资源均衡配置，建成全省乡村教育振兴示范区。") == ("", "")
    assert sentence_imposition("各村均须于月底前上报。")[0] == "command"


@pytest.mark.parametrize("sentence, command", [
    ("在景区出入口、交通要道等处设置引导标识，方便游客出行。", False),
    ("只要符合条件的企业，都可以申报。", False),
    ("编制全县旅游发展纲要，明确发展方向。", False),
    ("必要时可以组织专家论证。", False),
    ("要地方各级人民政府落实属地责任。", True),
    ("各单位要在月底前完成自查。", True),
])
def test_yao_commands_only_as_a_modal(sentence, command):
    """要 is a modal (各单位要…), not part of a noun (交通要道, 纲要) or a condition (只要)."""
    from reviewer.rules.analysis import sentence_imposition

    assert (sentence_imposition(sentence)[0] == "command") is command


def test_bu_neng_prohibits_unless_it_names_an_inability():
    """不能 forbids (经营户不能…) as 不得 does; 确实不能如期参加 names an inability, not a ban."""
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition("村民不能在河道两侧堆放杂物。") == ("command", "不能")
    assert sentence_imposition("学员确实不能如期参加培训，可以另行预约。") == ("", "")


def test_families_the_opinion_resembles_are_ranked_shares():
    model = builtin()
    for text in (_UNNAMED_LEVY, "园区管委会对入园企业的用工招聘实行统一审核，未经审核的不得发布招聘信息。"):
        opinion = model.score(text)
        shares = [share for _, share in opinion.families]
        assert opinion.families[0][0] == opinion.family
        assert shares == sorted(shares, reverse=True) and all(s >= FAMILY_SHARE for s in shares)
    assert model.score("村民委员会应当及时公布集体财务收支情况。", family_from=1.0).families == ()


def test_a_second_family_is_judged_on_its_own_threshold():
    """A park committee vetting every firm's hiring sets a permit (LICENSE007 reports it) and
    decides what no law lets it decide: the model places the sentence closest to LICENSE, which
    the rule already reported, and close to ULTRA_VIRES as well, which it reports itself."""
    from reviewer.explain import format_opinions, second_opinion

    text = "园区管委会对入园企业的用工招聘实行统一审核，未经审核的不得发布招聘信息。"
    codes = {f.code for f in check_text(text).findings}
    assert {"LICENSE007", "ULTRA_VIRES019"} <= codes
    steps = second_opinion(text)
    assert steps[0].closest and steps[0].family != "ULTRA_VIRES"
    assert [s.verdict for s in steps if not s.closest] == ["报告 ULTRA_VIRES019"]
    assert "也接近超越职权 → 报告 ULTRA_VIRES019" in format_opinions(steps)


def test_a_second_family_needs_what_the_closest_one_lacked_nothing_of():
    """A second family is asked only where the closest one fell short of its score or was already
    reported, and it needs a cue even where the closest family would not: a duty statement the
    closest family found to impose nothing is reported under no other name."""
    for text in ("开发区管委会受县政府委托，负责园区内企业投资项目的备案服务工作。",
                 "园区管委会受县政府委托，负责入园企业的用地预审和配套费的代收代缴服务。"):
        assert not {f.code for f in check_text(text).findings} & _MODEL_CODES


def test_a_refund_ends_no_penalty():
    """Giving a deposit back sets no levy (FEE), but a licence taken back as a punishment is still
    one, whatever happens to the deposit."""
    text = "不服从统一调度的出租车，由县出租车管理办公室收回其营运牌照，押金予以退还。"
    assert reported(check_text(text).findings)


@pytest.mark.parametrize("sentence", [
    "奖补资金的具体分配方案由县财政局会同县商务局确定。",  # agencies deciding together
    "小区公共收益的使用由业主大会决定。",  # the meeting the law names (民法典 第二百七十八条)
    "城区道路命名方案由县人民政府批准。",
    "本办法由区商务局负责解释。",  # who interprets a document is ULTRA_VIRES022's question, not a decision handed over
])
def test_routine_hand_overs_are_no_ultra_vires_cue(sentence):
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition(sentence)[0] != "assignment"


def test_public_money_for_public_works_is_no_competition_alarm():
    """由财政出资…用于园区建设: the government builds its own works; no operator is favoured."""
    rules = {r.code: r for r in default_ruleset()}
    not_near = rules["COMPETITION033"].not_near
    assert not_near is not None
    assert not_near.search("连续三年由县财政每年出资五千万元用于产业园区基础设施建设。")
    assert not not_near.search("对首次进驻产业园的公司按面积发放三年租金补助。")


@pytest.mark.parametrize("sentence", [
    "经镇党委会议研究决定，成立镇安全生产委员会，由镇长任主任。",  # a collective decision is procedure
    "经市政府第十二次常务会议研究决定，对全市城镇老旧小区改造项目给予财政补助。",
    "县市场监管局可以对辖区内检验检测机构开展监督抽查。",
    "区教育局以区人民政府名义与省师范大学签订合作办学协议。",
])
def test_collective_decisions_supervision_and_agreements_are_no_hand_over_cue(sentence):
    from reviewer.rules.analysis import sentence_imposition

    assert sentence_imposition(sentence)[0] != "assignment"


@pytest.mark.parametrize("sentence, refund_only", [
    ("承租期满未出现违约情形的，押金予以返还。", True),
    ("工程竣工验收合格后，质保金无息退还施工单位。", True),
    ("经营户须缴纳保证金五千元，期满予以退还。", False),  # the payment is set here
    ("出现违约情形的，保证金不予退还。", False),  # forfeiting is a measure
    ("押金从补贴中扣除，期满后返还。", False),
    ("不服从统一调度的出租车，由县出租车管理办公室收回其营运牌照，押金予以退还。", False),
    ("经营户未按要求使用统一包装的，取消其摊位承租资格，摊位押金予以退还。", False),
    ("村民委员会应当及时公布集体财务收支情况。", False),
])
def test_only_refunds(sentence, refund_only):
    from reviewer.rules.analysis import only_refunds

    assert only_refunds(sentence) is refund_only


def test_a_plans_task_stated_bare_is_no_competition_or_fee_alarm(monkeypatch):
    """Competition and fee clauses may be stated bare (对某公司减半征收…), so the closest family
    needs no cue there; a plan's task led by a verb of governance in every sub-sentence (优化…布局，
    打造…集群) binds no one, whatever the words resemble. The gate, not the score, keeps it quiet:
    the model is made to score both sentences as near-certain competition clauses."""
    import reviewer.opinion.model as opinion_model
    from reviewer.opinion.model import Opinion

    class Certain:
        def score(self, text, family_from=0.0):
            return Opinion(probability=0.999, family="COMPETITION", families=(("COMPETITION", 1.0),))

    monkeypatch.setattr(opinion_model, "builtin", lambda: Certain())
    plan = "优化全市数据中心的空间布局，打造绿色算力产业集群。"
    assert not {f.code for f in check_text(plan).findings} & _MODEL_CODES
    bare = "（三）青禾电子公司三年内的城镇土地使用税按五折征收。"
    assert "COMPETITION033" in {f.code for f in check_text(bare).findings}


def test_cross_validation_holds_a_writer_out_whole():
    """make cv deals probe files, not clauses, round the folds: every read-half clause of one probe
    file is in one fold, and no unread clause is in any."""
    from reviewer.evalsets import load_items
    from reviewer.crossval import FOLDS, recall_at, writer_folds

    fold_of = writer_folds()
    probes = sorted((train.ROOT / "eval" / "probes").glob("*.jsonl"))
    for path in probes[:6]:
        items = load_items(path)
        assert len({fold_of[i.text] for i in items if i.half == "read"}) == 1
        assert not {i.text for i in items if i.half == "unread"} & set(fold_of)
    assert set(fold_of.values()) == set(range(FOLDS))
    # recall at a false-alarm rate: the bar is the score that keeps that share of lawful clauses above it
    assert recall_at([0.9, 0.8, 0.3, 0.2, 0.1], [1, 1, 0, 0, 0], rates=(0.0,)) == {0.0: 1.0}
    assert recall_at([0.9, 0.2, 0.3, 0.25, 0.1], [1, 1, 0, 0, 0], rates=(0.0,)) == {0.0: 0.5}


@pytest.mark.parametrize("value", ["0", "-1", "abc", "inf"])
def test_cross_validation_refuses_a_bad_c_in_chinese(value):
    result = subprocess.run([sys.executable, "-m", "reviewer.crossval", "--c", value], capture_output=True, text=True)
    assert result.returncode == 2 and "应为正数" in result.stderr and "Traceback" not in result.stderr


def test_a_basis_named_later_in_the_sentence_covers_the_opinion():
    """The opinion scores a sentence part by part; a law cited in a later part of the same sentence
    (before the full stop) grounds the earlier part where the law base records it as setting the kinds
    of measure that part names. A law that sets none of them (《民法典》 cited for the next duty), a
    review's finding that names the law the clause breaks, and a rule's own match (which reads only
    its own part) are not grounded."""
    from reviewer.model import SourceText
    from reviewer.pipeline import build_document
    from reviewer.rules.guards import GUARD_FUNCS, MatchContext
    from reviewer.rules.loader import default_ruleset
    from reviewer.rules.matchers import SentenceSplitter

    vocabulary = default_ruleset().vocabulary()

    def whole_part(text: str, part: str) -> MatchContext:
        doc = build_document(SourceText("t", "text", text))
        s, e = SentenceSplitter(text).bounds(text.index(part))
        return MatchContext(doc, s, e, e, e, vocabulary=vocabulary, whole_sentence=True)

    grounded = ("机关工作人员无正当理由旷工、情节较重的，给予记过处分；处分的程序和期间，"
                "依照《中华人民共和国公职人员政务处分法》第三十二条的规定执行。")
    assert GUARD_FUNCS["cites_basis"](whole_part(grounded, "机关工作人员"))
    other_law = ("小区业主大会召开前，须将会议议程报街道党工委审定；业主大会的决定依照《中华人民共和国民法典》"
                 "第二百八十条对业主具有约束力。")
    assert not GUARD_FUNCS["cites_basis"](whole_part(other_law, "小区业主"))
    finding = ("经审查，某区城管部门规定停车服务收费标准由该部门统一核定；定价权在价格主管部门，"
               "该规定与《中华人民共和国价格法》第二十条不符。")
    assert not GUARD_FUNCS["cites_basis"](whole_part(finding, "经审查"))
    doc = build_document(SourceText("t", "text", grounded))
    s, e = SentenceSplitter(grounded).bounds(0)
    start = grounded.index("记过")
    assert not GUARD_FUNCS["cites_basis"](MatchContext(doc, s, e, start, start + 2, vocabulary=vocabulary))
