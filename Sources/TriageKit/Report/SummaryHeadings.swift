/// The words of the summary around the rules' clinical texts: headings and small labels,
/// from the rules' `wording` block (keys "report ...") like every other sentence the program
/// says, with English where a rule set has no wording.
public struct SummaryHeadings: Sendable {
    public let documentTitle: String
    public let forWhom: String
    public let whatToDo: String
    public let why: String
    public let unsureFlags: String
    public let ifThingsChange: String
    public let whatWasSaid: String
    public let story: String
    public let noStory: String
    public let answeredNo: String
    public let otherFacts: String
    public let pattern: String
    public let patternNotAssessed: String
    public let noCriteria: String
    public let noPattern: String
    public let ichd: String
    public let criterionMet: String
    public let criterionNotMet: String
    public let criterionUnknown: String
    public let allButOne: String
    public let contributors: String
    public let therapy: String
    public let therapyBecause: String
    public let focus: String
    public let notInPicture: String
    public let pictureTitle: String
    public let selfCare: String
    public let date: String
    public let program: String
    public let rules: String
    public let notSure: String
    public let noAnswer: String
    public let fromStory: String
    public let corrected: String
    public let notAsked: String
    public let neverAsked: String
    public let yes: String
    public let no: String
    public let disclaimer: String

    public init(_ wording: Wording) {
        documentTitle = wording(.reportDocumentTitle)
        forWhom = wording(.reportForWhom)
        whatToDo = wording(.reportWhatToDo)
        why = wording(.reportWhy)
        unsureFlags = wording(.reportUnsureFlags)
        ifThingsChange = wording(.reportIfThingsChange)
        whatWasSaid = wording(.reportWhatWasSaid)
        story = wording(.reportStory)
        noStory = wording(.reportNoStory)
        answeredNo = wording(.reportAnsweredNo)
        otherFacts = wording(.reportOtherFacts)
        pattern = wording(.reportPattern)
        patternNotAssessed = wording(.reportPatternNotAssessed)
        noCriteria = wording(.reportNoCriteria)
        noPattern = wording(.reportNoPattern)
        ichd = wording(.reportIchd)
        criterionMet = wording(.reportCriterionMet)
        criterionNotMet = wording(.reportCriterionNotMet)
        criterionUnknown = wording(.reportCriterionUnknown)
        allButOne = wording(.reportAllButOne)
        contributors = wording(.reportContributors)
        therapy = wording(.reportTherapy)
        therapyBecause = wording(.reportTherapyBecause)
        focus = wording(.reportFocus)
        notInPicture = wording(.reportNotInPicture)
        pictureTitle = wording(.reportPictureTitle)
        selfCare = wording(.reportSelfCare)
        date = wording(.reportDate)
        program = wording(.reportProgram)
        rules = wording(.reportRules)
        notSure = wording(.reportNotSure)
        noAnswer = wording(.reportNoAnswer)
        fromStory = wording(.reportFromStory)
        corrected = wording(.reportCorrected)
        notAsked = wording(.reportNotAsked)
        neverAsked = wording(.reportNeverAsked)
        yes = wording(.reportYes)
        no = wording(.reportNo)
        disclaimer = wording(.disclaimer)
    }

    /// The English fallback, for rule sets without wording.
    public static let english = SummaryHeadings(Wording())
}
