/**
 * What the synthetic event sentences are about: acts, written for Parley from the CAMEO codebook's code
 * descriptions and usage notes (../shared/data/cameo/cameo_event_codebook.json) and the PLOVER definitions
 * (../shared/data/plover/plover_ontology.json). Not the manual's example sentences.
 *
 * CAMEO is compositional: the same act ("release the prisoners") is an act of its own when done (0841),
 * an intent when promised (0353), an appeal when urged (0253), a demand when demanded (1053), a refusal
 * when refused (1243) and, for hostile acts, a threat when threatened (13x). Each content lists the code
 * of each speech act about it (absent: that combination is not generated).
 *
 * Phrases: the verb first, in its base form; `T` is the target's slot (the act's recipient). Phrase lists
 * are split by position between train, dev and test (see split.ts), so no phrase is in two splits.
 */

export type ActorKind = 'state' | 'military' | 'police' | 'civil' | 'rebels';

export interface Content {
  readonly name: string;
  /** CAMEO code of each speech act about the act. */
  readonly codes: Partial<Record<'act' | 'intent' | 'appeal' | 'demand' | 'reject' | 'threaten', string>>;
  readonly phrases: readonly string[];
  /** Who typically does it (default state). */
  readonly source?: ActorKind;
  /** Who it is done to, when the phrase has no T (default: the phrase's T, else no target). */
  readonly target?: ActorKind;
}

const c = (name: string, codes: Content['codes'], phrases: string[], extra: Partial<Content> = {}): Content => ({ name, codes, phrases, ...extra });

/** Cooperative acts one can promise, urge, demand or refuse (roots 03/02/10/12 around 04-08). */
const COOPERATION: Content[] = [
  c('economic cooperation', { act: '061', intent: '0311', appeal: '0211', demand: '1011', reject: '1211' }, [
    'expand trade ties with T', 'resume commercial flights to T', 'deepen economic cooperation with T', 'open its markets to goods from T',
    'boost investment in T', 'set up a joint economic zone with T', 'increase energy exports to T', 'restore banking links with T',
    'launch a joint railway project with T', 'ease visa rules for business travellers from T', 'build a gas pipeline with T', 'step up trade with T',
  ]),
  c('military cooperation', { act: '062', intent: '0312', appeal: '0212', demand: '1012', reject: '1212' }, [
    'hold joint military exercises with T', 'train the armed forces of T', 'conduct joint naval patrols with T', 'expand defence cooperation with T',
    'coordinate air defences with T', 'allow T to use its air bases', 'station troops jointly with T', 'hold joint counterterrorism drills with T',
    'integrate its missile defence with T', 'share a naval base with T', 'set up a joint military command with T', 'stage joint war games with T',
  ]),
  c('judicial cooperation', { act: '063', intent: '0313', appeal: '0213', demand: '1013', reject: '1213' }, [
    'extradite the suspect to T', 'hand over the fugitive banker to T', 'assist investigators from T', 'transfer the detainees to T',
    'cooperate with prosecutors from T', 'surrender the wanted men to T', 'send the accused to stand trial in T', 'help T trace the stolen funds',
  ]),
  c('intelligence sharing', { act: '064', intent: '0314', appeal: '0214', demand: '1014', reject: '121' }, [
    'share intelligence with T', 'exchange information on militant networks with T', 'pass intelligence about the plot to T',
    'give T access to its surveillance data', 'brief T on the findings', 'share satellite imagery with T', 'hand T its files on the bombing',
    'disclose what it knows about the attack to T',
  ]),
  c('recognition', { act: '054', intent: '032', appeal: '022', demand: '102', reject: '120' }, [
    'recognize the independence of T', 'establish diplomatic relations with T', 'grant diplomatic recognition to T', 'open an embassy in T',
    'restore full diplomatic ties with T', 'accredit an ambassador to T', 'normalize relations with T', 'upgrade its mission in T to an embassy',
  ]),
  c('policy support', { act: '050', intent: '032', appeal: '022', demand: '102', reject: '120' }, [
    "back the peace plan of T", "support T's bid to join the alliance", 'endorse the proposal by T', 'vote with T at the United Nations',
    "support T's candidacy", 'side with T in the dispute', 'join the coalition led by T', 'co-sponsor the resolution with T',
  ]),
  c('signing', { act: '057', intent: '030', appeal: '020', demand: '100', reject: '127' }, [
    'sign a peace agreement with T', 'sign a trade pact with T', 'ratify the border treaty with T', 'conclude a defence accord with T',
    'sign a memorandum of understanding with T', 'initial a nuclear deal with T', 'seal a fisheries agreement with T', 'sign an extradition treaty with T',
    'ink a security pact with T', 'sign a water-sharing accord with T', 'formalize the ceasefire deal with T', 'sign a cooperation accord with T',
  ]),
  c('economic aid', { act: '071', intent: '0331', appeal: '0231', demand: '1031', reject: '1221' }, [
    'provide loans to T', 'give T $2 billion in economic aid', 'extend a credit line to T', 'grant financial assistance to T',
    'write off the debts of T', 'give budget support to T', 'lend T $500 million', 'fund reconstruction projects in T', 'provide development aid to T',
    'bail out the banks of T', 'offer T a currency swap', 'finance a power plant in T',
  ]),
  c('military aid', { act: '072', intent: '0332', appeal: '0232', demand: '1032', reject: '1222' }, [
    'supply weapons to T', 'deliver fighter jets to T', 'send military equipment to T', 'provide air defence systems to T',
    'sell tanks to T', 'arm the forces of T', 'ship artillery shells to T', 'give T armoured vehicles', 'transfer drones to T',
    'send ammunition to T', 'provide military training and arms to T', 'deliver attack helicopters to T',
  ]),
  c('humanitarian aid', { act: '073', intent: '0333', appeal: '0233', demand: '1033', reject: '1223' }, [
    'send food aid to T', 'deliver medical supplies to T', 'provide humanitarian assistance to T', 'airlift tents and blankets to T',
    'ship emergency relief to T', 'send rescue teams to T', 'donate vaccines to T', 'provide shelter for refugees in T', 'send doctors to T',
    'deliver drinking water to T', 'fly relief supplies to T', 'donate grain to T',
  ]),
  c('peacekeeping', { act: '074', intent: '0334', appeal: '0234', demand: '1034', reject: '1224' }, [
    'deploy peacekeepers to T', 'send peacekeeping troops to T', 'provide military protection to T', 'station a protection force in T',
    'extend its peacekeeping mission in T', 'send observers to monitor the truce in T', 'guarantee the security of T', 'put a naval escort at the disposal of T',
  ]),
  c('asylum', { act: '075', intent: '033', appeal: '023', demand: '103', reject: '122' }, [
    'grant asylum to the dissident', 'offer refuge to the defectors', 'give sanctuary to the fleeing activists', 'grant political asylum to the journalist',
    'take in the asylum seekers', 'shelter the exiled opposition leader', 'admit the refugees', 'give asylum to the whistleblower',
  ]),
  c('leadership change', { act: '0831', intent: '0341', appeal: '0241', demand: '1041', reject: '1231' }, [
    'step down', 'resign', 'hand over power', 'call early elections', 'quit office', 'transfer power to a transitional council', 'leave office', 'dismiss the prime minister',
  ], { target: 'state' }),
  c('policy change', { act: '0832', intent: '0342', appeal: '0242', demand: '1042', reject: '1232' }, [
    'change its immigration policy', 'revise the labour law', 'scrap the fuel tax', 'reverse the decision on subsidies', 'drop the controversial bill',
    'overhaul the pension system', 'abandon the land reform', 'withdraw the draft law', 'raise the minimum wage', 'cut fuel prices',
  ], { target: 'state' }),
  c('rights', { act: '0833', intent: '0343', appeal: '0243', demand: '1043', reject: '1233' }, [
    'grant equal rights to minorities', 'guarantee press freedom', 'allow women to vote', 'protect the rights of migrant workers',
    'legalize independent trade unions', 'recognize the language rights of the minority', 'let religious minorities worship freely', 'restore the right to assemble',
  ], { target: 'state' }),
  c('institutional change', { act: '0834', intent: '0344', appeal: '0244', demand: '1044', reject: '1234' }, [
    'rewrite the constitution', 'reform the judiciary', 'create an independent election commission', 'abolish the upper house',
    'introduce a federal system', 'limit presidential terms', 'set up an anti-corruption court', 'restructure the security services',
  ], { target: 'state' }),
  c('ease administrative sanctions', { act: '081', intent: '0351', appeal: '0251', demand: '1051', reject: '1241' }, [
    'lift the curfew', 'end the state of emergency', 'lift the ban on opposition parties', 'ease restrictions on the press', 'lift martial law',
    'restore internet access', 'reopen the closed newspapers', 'lift the travel ban on opposition figures', 'unblock social media sites', 'relax the rules on public gatherings',
  ]),
  c('ease dissent', { act: '082', intent: '0352', appeal: '0252', demand: '1052', reject: '1242' }, [
    'call off the protests', 'end the strike', 'halt the demonstrations', 'stop the sit-in', 'suspend the boycott', 'lift the blockade of the highway',
    'disperse peacefully', 'end the occupation of the square',
  ], { source: 'civil', target: 'state' }),
  c('release', { act: '0841', intent: '0353', appeal: '0253', demand: '1053', reject: '1243' }, [
    'release the detained journalists', 'free the hostages', 'release political prisoners', 'free the jailed activists', 'release the captured sailors',
    'free the kidnapped aid workers', 'release the opposition leader from prison', 'set free the detained fishermen', 'release the prisoners of war', 'free the abducted schoolgirls',
  ]),
  c('return property', { act: '0842', intent: '0353', appeal: '0253', demand: '1053', reject: '1243' }, [
    'return the seized vessels to T', 'hand back the confiscated land', 'return the looted artefacts to T', 'give back the impounded tanker to T',
    'return the frozen assets of T', 'hand back the captured aircraft to T',
  ]),
  c('ease economic sanctions', { act: '085', intent: '0354', appeal: '0254', demand: '1054', reject: '1244' }, [
    'lift sanctions on T', 'ease the trade embargo on T', 'remove tariffs on steel from T', 'end the boycott of goods from T', 'unfreeze the assets of T',
    'lift the oil embargo on T', 'relax export controls on T', 'suspend sanctions against T', 'end the blockade of trade with T', 'remove T from its sanctions list',
  ]),
  c('international involvement', { act: '086', intent: '0355', appeal: '0255', demand: '1055', reject: '1245' }, [
    'allow UN inspectors into the nuclear sites', 'let peacekeepers enter the region', 'allow humanitarian access to the besieged city', 'open the border crossing to aid convoys',
    'admit international monitors', 'let foreign journalists into the province', 'allow the Red Cross to visit the prisons', 'grant aid agencies access to the camps',
  ]),
  c('de-escalation', { act: '087', intent: '0356', appeal: '0256', demand: '1056', reject: '1246' }, [
    'declare a ceasefire', 'withdraw troops from the border with T', 'lift the naval blockade of T', 'demobilize its militias', 'pull back its forces from T',
    'halt the offensive against T', 'stop the shelling of T', 'agree to a truce with T', 'end military operations against T', 'withdraw its warships from the waters of T',
    'lay down their arms', 'cease hostilities with T',
  ]),
  c('meeting', { act: '040', intent: '036', appeal: '026', demand: '106', reject: '125' }, [
    'hold talks with T', 'meet with leaders of T', 'open a dialogue with T', 'sit down with T', 'hold consultations with T', 'confer with T',
    'convene a summit with T', 'hold a meeting with T',
  ]),
  c('negotiation', { act: '046', intent: '036', appeal: '026', demand: '106', reject: '125' }, [
    'negotiate with T', 'resume peace talks with T', 'start negotiations with T on a trade deal', 'bargain with T over the gas price',
    'enter into negotiations with T', 'hold a new round of negotiations with T', 'restart nuclear talks with T', 'negotiate a settlement with T',
  ]),
  c('visit', { act: '042', intent: '036', appeal: '026', demand: '106', reject: '125' }, [
    'visit T', 'travel to T', 'make a state visit to T', 'pay an official visit to T', 'fly to T for talks', 'tour T',
  ]),
  c('host', { act: '043', intent: '036', appeal: '026', reject: '125' }, [
    'host the president of T', 'welcome a delegation from T', 'receive the foreign minister of T', 'host leaders from T',
  ]),
  c('settle dispute', { intent: '037', appeal: '027', demand: '107', reject: '127' }, [
    'settle the border dispute with T', 'resolve the maritime row with T peacefully', 'end the trade dispute with T', 'settle its differences with T',
    'find a solution to the water dispute with T', 'resolve the quarrel with T over fishing rights',
  ]),
  c('accept mediation', { intent: '038', appeal: '028', demand: '108', reject: '126' }, [
    'accept mediation by T', 'accept an offer of mediation from T', 'let T mediate the dispute', 'accept international arbitration', 'agree to talks brokered by T',
    'submit the dispute to arbitration by T',
  ]),
  c('mediate', { act: '045', intent: '039' }, [
    'mediate between the warring factions', 'broker talks between the rival groups', 'act as a go-between for the two parties', 'mediate in the crisis',
    'host mediated talks between the rivals',
  ]),
];

/** Hostile acts: done, threatened (13x), refused or de-escalated elsewhere. */
const HOSTILITY: Content[] = [
  c('cut aid', { act: '162', threaten: '1311' }, ['cut aid to T', 'stop food deliveries to T', 'freeze development aid to T', 'end its assistance programmes in T', 'withhold aid from T']),
  c('cut economic aid', { act: '1621', threaten: '1311' }, ['suspend economic assistance to T', 'halt budget support to T', 'cancel loans to T', 'stop financial aid to T']),
  c('cut military aid', { act: '1622', threaten: '1311' }, ['halt military aid to T', 'stop arms deliveries to T', 'suspend weapons shipments to T', 'end military assistance to T']),
  c('sanctions', { act: '163', threaten: '1312' }, [
    'impose sanctions on T', 'impose an arms embargo on T', 'slap new tariffs on imports from T', 'boycott products from T', 'freeze the assets of officials from T',
    'ban imports from T', 'blacklist companies from T', 'impose an oil embargo on T', 'expand sanctions against T', 'impose travel bans on leaders of T',
  ]),
  c('break relations', { act: '161', threaten: '1313' }, [
    'sever diplomatic ties with T', 'recall its ambassador from T', 'downgrade relations with T', 'close its embassy in T', 'expel the ambassador of T',
    'cut diplomatic relations with T', 'suspend diplomatic relations with T', 'break off relations with T',
  ]),
  c('restrict freedoms', { act: '1721', threaten: '1321' }, ['restrict press freedom', 'shut down independent newspapers', 'ban public gatherings', 'block access to social media', 'censor the broadcasters']),
  c('ban parties', { act: '1722', threaten: '1322' }, ['ban the opposition party', 'outlaw the Islamist movement', 'dissolve the main opposition party', 'bar opposition candidates from the election']),
  c('curfew', { act: '1723', threaten: '1323' }, ['impose a curfew', 'impose a night curfew on the capital', 'order a dusk-to-dawn curfew', 'extend the curfew to three provinces']),
  c('emergency', { act: '1724', threaten: '1324' }, ['declare a state of emergency', 'impose martial law', 'declare emergency rule in the province', 'place the region under military rule']),
  c('halt negotiations', { act: '164', threaten: '134' }, ['break off talks with T', 'walk out of the negotiations with T', 'suspend peace talks with T', 'pull out of the talks with T', 'call off negotiations with T']),
  c('halt mediation', { act: '165', threaten: '135' }, ['end its mediation between the parties', 'withdraw from the mediation efforts', 'abandon its role as mediator', 'quit as mediator in the conflict']),
  c('expel monitors', { act: '166', threaten: '136' }, [
    'expel the UN peacekeepers', 'expel the weapons inspectors', 'order foreign aid agencies to leave', 'withdraw its observers from T', 'expel the election monitors',
    'shut down the aid groups operating in the country',
  ]),
  c('arrest', { act: '173', threaten: '137' }, [
    'arrest opposition leaders', 'detain the activists', 'arrest dozens of protesters', 'charge the journalists with treason', 'detain the former minister',
    'arrest the rebel commander', 'round up suspected militants', 'jail the dissidents', 'take the protest leaders into custody', 'charge the editor with sedition',
  ], { source: 'police', target: 'civil' }),
  c('deport', { act: '174', threaten: '137' }, ['deport the migrants', 'expel the foreign reporters', 'deport hundreds of undocumented workers', 'expel the aid workers', 'deport the activists to T'], { source: 'state', target: 'civil' }),
  c('repression', { act: '175', threaten: '137' }, [
    'crack down on protesters', 'fire tear gas at demonstrators', 'use water cannon against the crowd', 'violently disperse the rally', 'beat back the marchers with batons',
    'open fire on unarmed protesters',
  ], { source: 'police', target: 'civil' }),
  c('seize property', { act: '1711', threaten: '130' }, ['seize the assets of T', 'confiscate the cargo of T', 'impound the tanker of T', 'nationalize the mines owned by T', 'confiscate land belonging to T']),
  c('destroy property', { act: '1712', threaten: '130' }, ['demolish homes in the settlement', 'destroy the bridges', 'torch the villages', 'burn down the market', 'bulldoze the refugee camp']),
  c('blockade', { act: '191', threaten: '1381' }, ['blockade the ports of T', 'impose a naval blockade on T', 'seal off the border with T', 'cut off supply routes to T', 'block shipping to T']),
  c('occupy', { act: '192', threaten: '1382' }, ['occupy the disputed islands', 'seize territory from T', 'annex the province of T', 'take control of the border town', 'occupy the northern region of T']),
  c('attack', { act: '190', threaten: '1384' }, [
    'attack T', 'invade T', 'launch an offensive against T', 'attack military positions of T', 'strike targets in T', 'wage war on T', 'launch a ground assault on T',
  ], { source: 'military' }),
  c('small arms', { act: '193', threaten: '1384' }, ['open fire on troops of T', 'fight troops of T with rifles', 'clash with soldiers of T', 'exchange gunfire with T', 'ambush a patrol of T'], { source: 'military' }),
  c('artillery', { act: '194', threaten: '1384' }, ['shell towns in T', 'fire rockets at T', 'pound positions of T with artillery', 'fire mortars at T', 'bombard the border villages of T'], { source: 'military' }),
  c('air strikes', { act: '195', threaten: '1384' }, ['launch air strikes on T', 'bomb targets in T', 'carry out drone strikes in T', 'strike T from the air', 'send warplanes to bomb T'], { source: 'military' }),
  c('violate ceasefire', { act: '196', threaten: '130' }, ['violate the ceasefire with T', 'break the truce with T', 'breach the armistice with T', 'violate the truce'], { source: 'military' }),
  c('abduct', { act: '181', threaten: '1383' }, ['kidnap foreign workers', 'abduct dozens of villagers', 'hijack a passenger plane', 'take the aid workers hostage', 'seize hostages from T'], { source: 'rebels' }),
  c('assault', { act: '182', threaten: '1383' }, ['beat the detainees', 'assault the reporters', 'attack the worshippers with knives', 'beat the opposition activists'], { source: 'rebels', target: 'civil' }),
  c('torture', { act: '1822', threaten: '137' }, ['torture the prisoners', 'torture detained activists', 'subject detainees to torture'], { source: 'police', target: 'civil' }),
  c('bombing', { act: '183', threaten: '1383' }, ['detonate a bomb in the market', 'bomb the bus station', 'set off explosives at the checkpoint', 'blow up the pipeline'], { source: 'rebels' }),
  c('suicide bombing', { act: '1831', threaten: '1383' }, ['carry out a suicide bombing in the capital', 'send a suicide bomber into the mosque', 'stage a suicide attack on the base'], { source: 'rebels' }),
  c('car bombing', { act: '1832', threaten: '1383' }, ['detonate a car bomb near the ministry', 'set off a truck bomb outside the embassy', 'carry out a car bomb attack'], { source: 'rebels' }),
  c('assassinate', { act: '186', threaten: '1383' }, ['assassinate the governor', 'kill the provincial police chief', 'murder the opposition leader', 'gun down the judge'], { source: 'rebels' }),
  c('attempted assassination', { act: '185', threaten: '1383' }, ['try to kill the president', 'attempt to assassinate the prime minister', 'plot to kill the army chief']),
  c('mass killing', { act: '202', threaten: '1383' }, ['massacre civilians', 'slaughter hundreds of villagers', 'carry out mass killings in the region', 'execute dozens of captives en masse'], { source: 'military' }),
  c('mass expulsion', { act: '201', threaten: '137' }, ['expel thousands of ethnic minority residents', 'drive tens of thousands from their homes', 'force entire villages to leave the region']),
  c('chemical weapons', { act: '2041', threaten: '1385' }, ['use chemical weapons against T', 'gas civilians in T', 'fire sarin-filled rockets at T'], { source: 'military' }),
  c('nuclear weapons', { act: '2042', threaten: '1385' }, ['use nuclear weapons against T', 'detonate a nuclear bomb over T', 'launch a nuclear strike on T']),
  c('alert', { act: '152', threaten: '138' }, ['put its armed forces on high alert', 'raise the military alert level', 'place its troops on combat readiness', 'put its nuclear forces on alert']),
  c('police alert', { act: '151' }, ['put police on high alert', 'raise the security alert level', 'place the police on maximum alert']),
  c('police power', { act: '153' }, ['deploy riot police in the capital', 'send thousands of police to the city', 'reinforce police units in the region', 'mobilize police reserves']),
  c('mobilize', { act: '154', threaten: '138' }, ['mass troops on the border with T', 'mobilize its reservists', 'send tanks to the border with T', 'deploy additional troops near T', 'move warships toward T', 'build up forces near T'], { source: 'military' }),
  c('show of force', { act: '150', threaten: '138' }, ['hold military drills near T', 'test-fire a missile', 'parade its new missiles', 'stage live-fire exercises near T', 'fly bombers near the airspace of T'], { source: 'military' }),
];

/** Acts done, not promised or asked for: statements, praise, criticism, protest and the rest. */
const ACTS: Content[] = [
  c('decline comment', { act: '011' }, ['decline to comment on the report', 'refuse to comment on the allegations', 'decline comment on the talks', 'have no comment on the matter']),
  c('pessimism', { act: '012' }, [
    'express pessimism about the talks', 'voice doubts about the peace process', 'say it was worried about relations with T', 'sound a gloomy note on the negotiations',
    'warn that the economy could worsen', 'say it saw little hope of a deal with T', 'voice concern about the situation in T', 'say it doubted that T would keep its word',
  ]),
  c('optimism', { act: '013' }, [
    'express optimism about the talks', 'voice confidence in the recovery', 'say it was confident of a deal with T', 'sound upbeat about the negotiations',
    'express hope for a breakthrough', 'say it was optimistic about ties with T', 'predict a quick agreement with T', 'say it expected progress in talks with T',
  ]),
  c('consider', { act: '014' }, ['consider new measures', 'weigh its options', 'review its security policy', 'study the proposal', 'mull over the offer']),
  c('claim responsibility', { act: '015' }, ['claim responsibility for the attack', 'admit its mistake', 'acknowledge responsibility for the crash', 'take responsibility for the failure', 'own up to the error']),
  c('deny', { act: '016' }, ['deny involvement in the attack', 'deny responsibility for the blast', 'reject responsibility for the killings', 'deny any role in the coup', 'deny the accusations']),
  c('symbolic act', { act: '017' }, ['lay a wreath at the memorial', 'observe a minute of silence', 'light candles for the victims', 'lower flags to half-mast']),
  c('sympathy', { act: '018' }, ['express condolences to T', 'offer its sympathy to T', 'send condolences to T', 'voice solidarity with the victims in T']),
  c('accord', { act: '019' }, ['agree with the assessment of T', 'voice agreement with T', 'share the views of T on the crisis', 'concur with T']),
  c('praise', { act: '051' }, ['praise T', 'commend T for its efforts', 'hail the decision of T', 'applaud T', 'laud the role of T', 'thank T for its help', 'congratulate T on the election']),
  c('defend', { act: '052' }, ['defend T against the accusations', 'speak up for T', 'defend the actions of T', 'stand up for T']),
  c('rally support', { act: '053' }, ['rally support for T', 'lobby on behalf of T', 'campaign for support for T', 'drum up backing for T']),
  c('apologize', { act: '055' }, ['apologize to T', 'express regret to T for the incident', 'say sorry to T', 'offer an apology to T']),
  c('forgive', { act: '056' }, ['forgive T', 'pardon the jailed opponents', 'grant an amnesty to the rebels', 'forgive the debts of T']),
  c('investigate', { act: '090' }, ['investigate the incident', 'open an inquiry into the crash', 'look into the allegations', 'set up a commission to examine the events']),
  c('investigate crime', { act: '091' }, ['investigate corruption in the ministry', 'probe bribery allegations against officials of T', 'open a fraud investigation', 'investigate the money laundering scheme']),
  c('investigate abuses', { act: '092' }, ['investigate human rights abuses in T', 'probe allegations of torture', 'investigate the killing of protesters', 'look into reports of abuse in the prisons']),
  c('investigate military', { act: '093' }, ['investigate the air strike', 'probe the shelling of the hospital', 'investigate the deadly raid', 'open an inquiry into the downing of the plane']),
  c('investigate war crimes', { act: '094' }, ['investigate war crimes in T', 'open a war crimes investigation', 'probe alleged war crimes by T']),
  c('criticize', { act: '111' }, [
    'criticize T', 'condemn T', 'denounce the policies of T', 'slam T', 'rebuke T', 'lash out at T', 'deplore the actions of T', 'censure T', 'blast T', 'decry the decision of T',
  ]),
  c('accuse', { act: '112' }, ['accuse T of lying', 'blame T for the crisis', 'accuse T of bad faith', 'hold T responsible for the failure']),
  c('accuse crime', { act: '1121' }, ['accuse T of corruption', 'accuse officials of T of taking bribes', 'charge that T laundered money', 'accuse T of fraud']),
  c('accuse abuses', { act: '1122' }, ['accuse T of human rights abuses', 'accuse T of torturing prisoners', 'accuse T of persecuting minorities', 'accuse T of abusing detainees']),
  c('accuse aggression', { act: '1123' }, ['accuse T of aggression', 'accuse T of violating its airspace', 'accuse T of provoking the clashes', 'accuse T of plotting an invasion']),
  c('accuse war crimes', { act: '1124' }, ['accuse T of war crimes', 'accuse T of targeting civilians', 'accuse T of genocide', 'accuse T of bombing hospitals']),
  c('accuse espionage', { act: '1125' }, ['accuse T of spying', 'accuse T of espionage', 'accuse T of hacking its networks', 'accuse T of stealing state secrets']),
  c('rally opposition', { act: '113' }, ['rally opposition against T', 'mobilize opposition to T', 'build a coalition against T', 'campaign against T']),
  c('complain', { act: '114' }, ['lodge a formal complaint with T', 'summon the ambassador of T to protest', 'file an official protest with T', 'send a protest note to T']),
  c('lawsuit', { act: '115' }, ['sue T', 'file a lawsuit against T', 'take T to court', 'bring a case against T at the international court']),
  c('convict', { act: '116' }, ['find T guilty', 'convict the former minister of T', 'rule that T was liable', 'hold T liable for the damage']),
  c('defy', { act: '128' }, ['defy the UN resolution', 'ignore the court ruling', 'flout the ban', 'defy the international ban on testing']),
  c('veto', { act: '129' }, ['veto the resolution', 'veto the bill', 'block the resolution with its veto', 'veto the sanctions proposal']),
  c('ultimatum', { act: '139' }, ['give T an ultimatum', 'issue an ultimatum to T', 'give T 48 hours to comply', 'set T a deadline to withdraw']),
  c('demonstrate', { act: '141', threaten: '133' }, [
    'rally against the government', 'march through the capital', 'protest against the new law', 'demonstrate outside parliament', 'take to the streets',
    'stage a rally against T', 'hold a mass protest', 'protest against corruption',
  ], { source: 'civil', target: 'state' }),
  c('demonstrate for leader change', { act: '1411', threaten: '133' }, ['demonstrate to demand the resignation of the president', 'rally to demand that the prime minister resign', 'march calling for the government to step down'], { source: 'civil', target: 'state' }),
  c('hunger strike', { act: '142', threaten: '133' }, ['go on hunger strike', 'refuse food in protest', 'launch a hunger strike', 'begin a hunger strike in prison'], { source: 'civil', target: 'state' }),
  c('strike', { act: '143', threaten: '133' }, ['go on strike', 'stage a general strike', 'walk off the job', 'launch a nationwide strike', 'boycott the elections', 'boycott the parliament session'], { source: 'civil', target: 'state' }),
  c('obstruct', { act: '144', threaten: '133' }, ['block the main highway', 'barricade the roads', 'blockade the parliament building', 'block access to the port', 'set up roadblocks in the city'], { source: 'civil', target: 'state' }),
  c('riot', { act: '145', threaten: '133' }, ['riot in the capital', 'clash with riot police', 'throw stones at police', 'set fire to police cars', 'loot shops during the unrest'], { source: 'civil', target: 'police' }),
  c('statement', { act: '010' }, [
    'comment on the situation in T', 'say relations with T were stable', 'speak about relations with T', 'tell reporters the border with T was calm',
    'make a statement on the crisis', 'say the talks with T had been useful', 'discuss the election in T in a speech', 'state that its policy toward T was unchanged',
    'say the meeting with T went well', 'remark on the visit by T', 'say T had been informed', 'describe relations with T as normal',
    // What is said has no actor acting in it: the saying is the event, not the verbs of the forecast.
    'say the economy would grow next year', 'say prices would rise', 'say the weather would improve', 'say the project would be finished by June',
    'say the harvest would be poor', 'say the new bridge would open in May', 'say exports would fall', 'say the talks with T would take time',
  ]),
  c('appeal', { act: '020' }, ['appeal for calm', 'call for restraint', 'plead for help', 'ask for international support']),
  c('demand', { act: '100' }, ['demand an explanation from T', 'demand answers from T', 'insist on compensation from T', 'demand an end to the violence']),
  c('reject', { act: '120' }, [
    'reject the proposal of T', 'turn down the offer of T', 'refuse the terms set by T', 'rebuff the overture from T', 'dismiss the plan put forward by T',
    'say no to the demands of T', 'spurn the proposal from T', 'throw out the offer from T',
  ]),
  c('yield', { act: '080' }, ['back down', 'give in to the pressure', 'make concessions to T', 'bow to the demands of T', 'concede defeat']),
  c('retreat', { act: '0874' }, ['retreat from the town', 'surrender to T', 'pull out of the city', 'abandon their positions']),
  c('ceasefire', { act: '0871' }, ['declare a unilateral ceasefire', 'announce a truce', 'call a ceasefire', 'agree to a ceasefire with T']),
  c('inspectors', { act: '0862' }, ['receive the UN inspectors', 'let the inspectors visit the site', 'admit the nuclear inspectors']),
  c('humanitarian access', { act: '0863' }, ['allow aid convoys into the city', 'open a humanitarian corridor', 'let relief trucks enter the enclave']),
];

export const CONTENTS: readonly Content[] = [...COOPERATION, ...HOSTILITY, ...ACTS];
